namespace Quetz.Conda;

/// <summary>
/// A list of strings (<c>extras</c>, <c>flags</c>), printed as conda does (<c>['a', 'b']</c>).
/// Records carry no such lists here, so the list does not restrict matching.
/// </summary>
internal sealed class StringListFieldMatcher : FieldMatcher
{
    public StringListFieldMatcher(string value)
    {
        string[] items = value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Array.Sort(items, StringComparer.Ordinal);
        Text = "[" + string.Join(", ", items.Select(i => "'" + i + "'")) + "]";
    }

    public override string Text { get; }

    public override bool IsExact => true;

    public override bool Matches(string? value) => true;
}
