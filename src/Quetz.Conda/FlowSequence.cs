namespace Quetz.Conda;

/// <summary>
/// Reads the items of a YAML flow sequence the way conda does for <c>extras</c> and <c>flags</c>:
/// quoted items are literal, a trailing comma is allowed, and plain scalars keep their text
/// except YAML nulls (<c>null</c>, <c>~</c>), booleans (<c>True</c>/<c>False</c>) and integers,
/// which are written back the way Python prints them.
/// </summary>
internal static class FlowSequence
{
    /// <summary>Splits <paramref name="inner"/> (the text between the brackets); <c>null</c> when it is not a valid sequence.</summary>
    public static List<string>? TryParse(string inner)
    {
        var items = new List<string>();
        int i = 0;
        while (true)
        {
            while (i < inner.Length && char.IsWhiteSpace(inner[i]))
            {
                i++;
            }

            if (i == inner.Length)
            {
                return items;
            }

            string item;
            if (inner[i] is '\'' or '"')
            {
                char quote = inner[i];
                int end = inner.IndexOf(quote, i + 1);
                if (end < 0)
                {
                    return null;
                }

                item = inner[(i + 1)..end];
                i = end + 1;
                while (i < inner.Length && char.IsWhiteSpace(inner[i]))
                {
                    i++;
                }
            }
            else
            {
                int end = inner.IndexOf(',', i);
                end = end < 0 ? inner.Length : end;
                item = Plain(inner[i..end].Trim());
                i = end;
            }

            items.Add(item);
            if (i == inner.Length)
            {
                return items;
            }

            if (inner[i] != ',')
            {
                return null;
            }

            i++;
        }
    }

    private static string Plain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return "null";
            case "true" or "True" or "TRUE":
                return "True";
            case "false" or "False" or "FALSE":
                return "False";
        }

        ReadOnlySpan<char> digits = text.AsSpan().TrimStart("+-");
        if (digits.Length > 0 && digits.Length == text.Length - (text[0] is '+' or '-' ? 1 : 0) && digits.Length <= 18)
        {
            bool allDigits = true;
            foreach (char c in digits)
            {
                allDigits &= char.IsAsciiDigit(c);
            }

            if (allDigits)
            {
                long value = long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
                return (text[0] == '-' && value != 0 ? "-" : string.Empty) + value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return text;
    }
}
