using System.Text;
using System.Text.Json;

namespace Quetz.Bench.Load;

/// <summary>
/// The package names of a synthetic subdir shaped like a real channel: 5 to 20 versions per name (12.5 on average),
/// every name depending on one of 20 core libraries and on one to three other names with smaller indexes, and one
/// application, <see cref="Root"/>, with a dozen direct dependencies whose closure a client must fetch to solve it.
/// </summary>
internal sealed class SyntheticSubdir
{
    public const string Root = "solve-target";
    private const int Cores = 20;
    private static readonly string[] Syllables = ["ba", "ko", "li", "mu", "ne", "po", "ra", "si", "tu", "ve", "xo", "za", "de", "fi", "gu", "ha"];

    private SyntheticSubdir(IReadOnlyList<Name> names, int records)
    {
        Names = names;
        Records = records;
    }

    /// <summary>One package name: how many versions (1.0.0 … 1.(n-1).0) it has and its depends, as JSON.</summary>
    public sealed record Name(int Index, string Text, int Versions, string DependsJson);

    public IReadOnlyList<Name> Names { get; }

    /// <summary>The number of records over all names.</summary>
    public int Records { get; }

    /// <summary>Names holding <paramref name="records"/> records in all; the last one is <see cref="Root"/>.</summary>
    public static SyntheticSubdir Create(int records)
    {
        var counts = new List<int>();
        var total = 0;
        for (var j = 0; total < records; j++)
        {
            var versions = Math.Min(5 + (j * 7 % 16), records - total);
            counts.Add(versions);
            total += versions;
        }

        var last = counts.Count - 1;
        var texts = Enumerable.Range(0, counts.Count).Select(j => j == last ? Root : NameOf(j)).ToArray();
        var names = new List<Name>(counts.Count);
        for (var j = 0; j < counts.Count; j++)
        {
            names.Add(new Name(j, texts[j], counts[j], JsonSerializer.Serialize(Depends(j, last, texts))));
        }

        return new SyntheticSubdir(names, total);
    }

    /// <summary>"lib…" for the core libraries, "py-…" for a third of the others: readable, unique, ordered like nothing in particular.</summary>
    private static string NameOf(int j)
    {
        var text = new StringBuilder(j < Cores ? "lib" : j % 3 == 0 ? "py-" : "");
        var rest = j;
        do
        {
            text.Append(Syllables[rest % Syllables.Length]);
            rest /= Syllables.Length;
        }
        while (rest > 0);

        return text.Append(j < Cores ? "" : "-" + (j % 7 == 0 ? "core" : "x")).ToString();
    }

    private static List<string> Depends(int j, int last, string[] names)
    {
        static string Spec(string name, int j) => (j % 3) switch
        {
            0 => $"{name} >=1.0",
            1 => $"{name} >=1.2,<2.0a0",
            _ => name,
        };

        List<string> depends = [];
        if (j == last)
        {
            // The application: a dozen direct dependencies among the largest names.
            for (var k = 1; k <= 12 && j - k >= 0; k++)
            {
                depends.Add(Spec(names[j - k], k));
            }

            return depends;
        }

        if (j < Cores)
        {
            if (j > 0)
            {
                depends.Add(Spec(names[(j - 1) / 2], j));
            }

            return depends;
        }

        depends.Add(Spec(names[j % Cores], j));
        foreach (var divisor in j % 4 == 0 ? new[] { 2, 3, 5 } : j % 2 == 0 ? [2, 3] : [3])
        {
            if (j / divisor >= Cores)
            {
                depends.Add(Spec(names[j / divisor], j + divisor));
            }
        }

        return depends;
    }
}
