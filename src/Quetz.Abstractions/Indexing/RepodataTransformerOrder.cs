namespace Quetz.Abstractions.Indexing;

/// <summary>The stages of <see cref="IRepodataTransformer.Order"/>; use a value in between to run between two.</summary>
public static class RepodataTransformerOrder
{
    /// <summary>Repodata patching: the records every later stage sees.</summary>
    public const int Patching = 100;

    /// <summary>Derived, smaller indexes such as <c>current_repodata.json</c>.</summary>
    public const int Trimming = 200;

    /// <summary>Signatures over the final records.</summary>
    public const int Signing = 300;
}
