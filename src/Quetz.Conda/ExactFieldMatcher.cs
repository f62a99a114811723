namespace Quetz.Conda;

/// <summary>An exact, case-sensitive string (subdir, url, md5, sha256, fn).</summary>
internal sealed class ExactFieldMatcher(string value) : FieldMatcher
{
    public override string Text { get; } = value;

    public override bool IsExact => Text.Length > 0;

    public override bool Matches(string? value) => string.Equals(Text, value, StringComparison.Ordinal);
}
