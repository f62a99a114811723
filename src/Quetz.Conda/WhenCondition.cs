namespace Quetz.Conda;

/// <summary>
/// Checks a <c>when=</c> condition (conda's <c>_validate_when_spec</c>): match specs joined with
/// <c>and</c> / <c>or</c> and grouped with parentheses; none of the specs may have its own
/// <c>when</c>.
/// </summary>
internal static class WhenCondition
{
    private const char Operand = '\u0001';

    /// <summary>Returns <c>null</c> when valid, else why not.</summary>
    public static string? Validate(string condition)
    {
        if (string.IsNullOrWhiteSpace(condition))
        {
            return "'when' value must not be empty";
        }

        var specs = new List<string>();
        foreach (string conjunct in condition.Split(" and "))
        {
            foreach (string disjunct in conjunct.Split(" or "))
            {
                specs.Add(disjunct.Trim(' ', '(', ')'));
            }
        }

        string expression = condition;
        foreach (string found in specs)
        {
            try
            {
                MatchSpec.ParseCondition(found);
            }
            catch (InvalidMatchSpecException e)
            {
                return $"'when' condition '{found}' is not a valid spec: {e.Details ?? e.Message}";
            }

            if (found.Length > 0)
            {
                expression = expression.Replace(found, Operand.ToString(), StringComparison.Ordinal);
            }
        }

        return specs.Count == 1 || IsBooleanExpression(expression) ? null : "'when' expression cannot be parsed";
    }

    /// <summary>expr := term ((and|or) term)*; term := not* (operand+ | '(' expr ')').</summary>
    private static bool IsBooleanExpression(string expression)
    {
        List<string>? tokens = Tokenize(expression);
        if (tokens is null)
        {
            return false;
        }

        int position = 0;
        return ParseExpression(tokens, ref position) && position == tokens.Count;
    }

    private static bool ParseExpression(List<string> tokens, ref int position)
    {
        if (!ParseTerm(tokens, ref position))
        {
            return false;
        }

        while (position < tokens.Count && tokens[position] is "and" or "or")
        {
            position++;
            if (!ParseTerm(tokens, ref position))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ParseTerm(List<string> tokens, ref int position)
    {
        while (position < tokens.Count && tokens[position] == "not")
        {
            position++;
        }

        if (position >= tokens.Count)
        {
            return false;
        }

        if (tokens[position] == "(")
        {
            position++;
            if (!ParseExpression(tokens, ref position) || position >= tokens.Count || tokens[position] != ")")
            {
                return false;
            }

            position++;
            return true;
        }

        if (tokens[position] != Operand.ToString())
        {
            return false;
        }

        // Adjacent operands are one operand, like adjacent string literals in Python.
        while (position < tokens.Count && tokens[position] == Operand.ToString())
        {
            position++;
        }

        return true;
    }

    private static List<string>? Tokenize(string expression)
    {
        var tokens = new List<string>();
        int i = 0;
        while (i < expression.Length)
        {
            char c = expression[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or Operand)
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (char.IsAsciiLetter(c))
            {
                int start = i;
                while (i < expression.Length && char.IsAsciiLetter(expression[i]))
                {
                    i++;
                }

                string word = expression[start..i];
                if (word is not ("and" or "or" or "not"))
                {
                    return null;
                }

                tokens.Add(word);
            }
            else
            {
                return null;
            }
        }

        return tokens;
    }
}
