namespace Quetz.Conda;

/// <summary>
/// Parses conda version specs (<c>conda.models.version.VersionSpec</c>): relational operators,
/// <c>=1.2</c> and <c>1.2.*</c> prefixes, <c>~=</c>, globs, regexes, and <c>,</c> (and) binding
/// tighter than <c>|</c> (or), with parentheses.
/// </summary>
internal static class VersionSpecParser
{
    /// <summary>How deeply and/or groups may nest; deeper specs are rejected rather than risk the stack.</summary>
    internal const int MaxDepth = 64;

    private static readonly System.Buffers.SearchValues<char> TreeCharacters = System.Buffers.SearchValues.Create("()|,^$");

    public static VersionSpecNode Parse(string spec)
    {
        if (spec.AsSpan().IndexOfAny(TreeCharacters) >= 0)
        {
            return Build(Treeify(spec));
        }

        return ParseLeaf(spec);
    }

    private static VersionSpecNode Build(object tree) => tree switch
    {
        string leaf => ParseLeaf(leaf),
        Group group => new CompositeVersionNode(group.Operator == '|', [.. group.Children.Select(Build)]),
        _ => throw new InvalidOperationException("Unexpected version spec tree node."),
    };

    /// <summary>Turns the spec into a tree of strings and <see cref="Group"/>s (shunting-yard).</summary>
    private static object Treeify(string spec)
    {
        List<string> tokens = VersionSpecTokenizer.Tokenize("(" + spec + ")");
        var output = new List<object>();
        var operators = new Stack<char>();
        int openParentheses = 0;

        foreach (string token in tokens)
        {
            switch (token)
            {
                case "|":
                    Reduce(spec, output, operators, stopAt: "(");
                    operators.Push('|');
                    break;
                case ",":
                    Reduce(spec, output, operators, stopAt: "|(");
                    operators.Push(',');
                    break;
                case "(":
                    if (++openParentheses > MaxDepth)
                    {
                        throw InvalidVersionSpecException.For(spec, $"expression nests deeper than {MaxDepth} levels");
                    }

                    operators.Push('(');
                    break;
                case ")":
                    Reduce(spec, output, operators, stopAt: "(");
                    if (operators.Count == 0 || operators.Peek() != '(')
                    {
                        throw InvalidVersionSpecException.For(spec, "expression must start with '('");
                    }

                    operators.Pop();
                    openParentheses--;
                    break;
                default:
                    output.Add(token);
                    break;
            }
        }

        if (operators.Count > 0)
        {
            throw InvalidVersionSpecException.For(
                spec,
                $"unable to convert to expression tree: [{string.Join(", ", operators.Reverse().Select(c => $"'{c}'"))}]");
        }

        if (output.Count != 1)
        {
            // conda silently keeps the first of several juxtaposed groups ("(1.5)(1.6)"); we reject it.
            throw InvalidVersionSpecException.For(spec, "unable to determine version from spec");
        }

        return output[0];
    }

    private static void Reduce(string spec, List<object> output, Stack<char> operators, string stopAt)
    {
        while (operators.Count > 0 && !stopAt.Contains(operators.Peek(), StringComparison.Ordinal))
        {
            if (output.Count < 2)
            {
                throw InvalidVersionSpecException.For(spec, "cannot join single expression");
            }

            char op = operators.Pop();
            object right = output[^1];
            object left = output[^2];
            output.RemoveRange(output.Count - 2, 2);

            // Extend the left group in place when it has the same operator, so "1|2|3|..." stays linear.
            Group group = left is Group same && same.Operator == op ? same : new Group(op, left);
            if (right is Group fused && fused.Operator == op)
            {
                foreach (object child in fused.Children)
                {
                    group.Add(child);
                }
            }
            else
            {
                group.Add(right);
            }

            if (group.Depth > MaxDepth)
            {
                throw InvalidVersionSpecException.For(spec, $"expression nests deeper than {MaxDepth} levels");
            }

            output.Add(group);
        }
    }

    private static VersionSpecNode ParseLeaf(string text)
    {
        string spec = text.Trim();
        if (spec.Length == 0)
        {
            throw InvalidVersionSpecException.For(text, "empty version spec");
        }

        if (spec[0] == '^' || spec[^1] == '$')
        {
            if (spec[0] != '^' || spec[^1] != '$')
            {
                throw InvalidVersionSpecException.For(spec, "regex specs must start with '^' and end with '$'");
            }

            return new RegexVersionNode(spec, spec);
        }

        if (spec[0] is '=' or '<' or '>' or '!' or '~')
        {
            return ParseOperator(spec);
        }

        if (spec == "*")
        {
            return AnyVersionNode.Instance;
        }

        if (spec.AsSpan().TrimEnd('*').Contains('*'))
        {
            // A star inside the spec: a glob over the version string.
            string pattern = spec.Replace(".", @"\.", StringComparison.Ordinal)
                .Replace("+", @"\+", StringComparison.Ordinal)
                .Replace("*", ".*", StringComparison.Ordinal);
            return new RegexVersionNode(spec, "^(?:" + pattern + ")$");
        }

        if (spec[^1] == '*')
        {
            if (!spec.EndsWith(".*", StringComparison.Ordinal))
            {
                spec = spec[..^1] + ".*";
            }

            string prefix = spec.TrimEnd('*').TrimEnd('.');
            return new OperatorVersionNode(spec, VersionOperator.StartsWith, VersionOrder.Parse(prefix), isExact: false);
        }

        if (!spec.Contains('@', StringComparison.Ordinal))
        {
            return new OperatorVersionNode(spec, VersionOperator.Equal, VersionOrder.Parse(spec), isExact: true);
        }

        return new ExactStringVersionNode(spec);
    }

    private static OperatorVersionNode ParseOperator(string spec)
    {
        if (!RelationalSpec.TrySplit(spec, out string op, out string version))
        {
            throw InvalidVersionSpecException.For(spec, "invalid operator");
        }

        VersionOperator parsedOperator = op switch
        {
            "==" => VersionOperator.Equal,
            "!=" => VersionOperator.NotEqual,
            "<" => VersionOperator.Less,
            "<=" => VersionOperator.LessOrEqual,
            ">" => VersionOperator.Greater,
            ">=" => VersionOperator.GreaterOrEqual,
            "=" => VersionOperator.StartsWith,
            _ => VersionOperator.Compatible,
        };

        if (version.EndsWith(".*", StringComparison.Ordinal))
        {
            if (parsedOperator == VersionOperator.Compatible)
            {
                throw InvalidVersionSpecException.For(spec, "invalid operator with '.*'");
            }

            // "!=1.2.*" excludes the prefix; for the other operators conda drops the redundant ".*".
            if (parsedOperator == VersionOperator.NotEqual)
            {
                parsedOperator = VersionOperator.NotStartsWith;
            }

            version = version[..^2];
        }

        return new OperatorVersionNode(
            spec,
            parsedOperator,
            VersionOrder.Parse(version),
            isExact: parsedOperator == VersionOperator.Equal);
    }

    /// <summary>An and/or group under construction; a <c>|</c> or <c>,</c> inside is fused into it (conda flattens <c>a|(b|c)</c>).</summary>
    private sealed class Group
    {
        private readonly List<object> _children = [];

        public Group(char op, object first)
        {
            Operator = op;
            Add(first);
        }

        public char Operator { get; }

        public IReadOnlyList<object> Children => _children;

        public int Depth { get; private set; } = 1;

        public void Add(object child)
        {
            _children.Add(child);
            Depth = Math.Max(Depth, child is Group group ? group.Depth + 1 : 1);
        }
    }
}
