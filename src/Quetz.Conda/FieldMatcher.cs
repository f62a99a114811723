namespace Quetz.Conda;

/// <summary>Matches one string-valued field of a package record.</summary>
internal abstract class FieldMatcher
{
    /// <summary>The value as conda prints it in a match spec.</summary>
    public abstract string Text { get; }

    /// <summary>Whether the value is exact (conda's <c>exact_value</c> is set), not a pattern.</summary>
    public abstract bool IsExact { get; }

    /// <summary>Whether the record's value (<c>null</c> when the record has none) satisfies the matcher.</summary>
    public abstract bool Matches(string? value);
}
