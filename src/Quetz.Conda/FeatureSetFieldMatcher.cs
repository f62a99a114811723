namespace Quetz.Conda;

/// <summary>A set of features (space- or comma-separated); matches a record with exactly the same set.</summary>
internal sealed class FeatureSetFieldMatcher : FieldMatcher
{
    private readonly SortedSet<string> _features;

    public FeatureSetFieldMatcher(string value)
    {
        _features = Split(value);
        Text = string.Join(' ', _features);
    }

    public override string Text { get; }

    public override bool IsExact => _features.Count > 0;

    public override bool Matches(string? value) => _features.SetEquals(Split(value));

    private static SortedSet<string> Split(string? value) =>
        new(
            (value ?? string.Empty).Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            StringComparer.Ordinal);
}
