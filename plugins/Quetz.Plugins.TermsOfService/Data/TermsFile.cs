namespace Quetz.Plugins.TermsOfService.Data;

/// <summary>The text of a terms-of-service version in one language (quetz's <c>quetz_tos_file</c> row).</summary>
internal sealed class TermsFile
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TosId { get; set; }

    public required string Filename { get; set; }

    public required string Language { get; set; }

    /// <summary>The file's place in its upload, so languages come back in the order the owner gave them.</summary>
    public int Position { get; set; }
}
