namespace Quetz.Conda;

/// <summary>
/// Carries an already split list value (from <c>extras=[a, b]</c>) through the string-valued
/// parse results, so that items containing spaces or commas survive.
/// </summary>
internal static class StringList
{
    private const char Start = '\u001E';
    private const char Separator = '\u001F';

    public static string Encode(IEnumerable<string> items) => Start + string.Join(Separator, items);

    /// <summary>Splits an encoded list, or a plain value at spaces and commas as conda does.</summary>
    public static string[] Decode(string value) =>
        value.StartsWith(Start)
            ? value.Length == 1 ? [] : value[1..].Split(Separator)
            : value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
