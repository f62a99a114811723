namespace Quetz.Plugins.TermsOfService.Data;

/// <summary>One version of the terms of service (quetz's <c>quetz_tos</c> row): the newest one is the one users must sign.</summary>
internal sealed class TermsDocument
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid UploaderId { get; set; }

    public DateTime TimeCreated { get; set; }

    public List<TermsFile> Files { get; set; } = [];

    public List<TermsSignature> Signatures { get; set; } = [];
}
