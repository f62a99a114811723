namespace Quetz.Plugins.TermsOfService.Data;

/// <summary>A user's acceptance of one terms-of-service version (quetz's <c>quetz_tos_signatures</c> row).</summary>
internal sealed class TermsSignature
{
    public Guid TosId { get; set; }

    public Guid UserId { get; set; }

    public DateTime TimeCreated { get; set; }
}
