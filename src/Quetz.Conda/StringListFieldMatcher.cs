namespace Quetz.Conda;

/// <summary>
/// A list of strings (<c>extras</c>, <c>flags</c>), printed as conda does (<c>['a', 'b']</c>, sorted).
/// Records carry no such lists here, so the list does not restrict matching.
/// </summary>
internal sealed class StringListFieldMatcher : FieldMatcher
{
    public StringListFieldMatcher(string value)
    {
        Items = StringList.Decode(value);
        string[] sorted = [.. Items.Order(StringComparer.Ordinal)];
        Text = "[" + string.Join(", ", sorted.Select(i => "'" + i + "'")) + "]";
    }

    /// <summary>The items in the order they were given.</summary>
    public IReadOnlyList<string> Items { get; }

    public override string Text { get; }

    public override bool IsExact => true;

    public override bool Matches(string? value) => true;
}
