using Microsoft.Extensions.Options;
using Quetz.Host.Config;
using Quetz.Host.Identity;

namespace Quetz.Host.Tests.Identity;

public sealed class SecretProtectorTests
{
    private static SecretProtector Under(string secret) => new(Options.Create(new QuetzSessionOptions { Secret = secret }));

    [Fact]
    public void A_secret_opens_for_its_purpose_under_the_same_deployment_secret_on_any_host()
    {
        var sealedText = Under("deployment secret").Protect("seed 0123", "plugin key v1");

        Assert.DoesNotContain("seed", sealedText, StringComparison.Ordinal);
        Assert.NotEqual(sealedText, Under("deployment secret").Protect("seed 0123", "plugin key v1"));
        Assert.Equal("seed 0123", Under("deployment secret").Unprotect(sealedText, "plugin key v1"));
    }

    /// <summary>
    /// An API key sealed as every release has stored them (HKDF-SHA256 of the secret with info "quetz api-key
    /// encryption v1", AES-256-GCM, base64 of nonce, tag and ciphertext), computed with Python's cryptography package:
    /// keys in existing databases must keep opening.
    /// </summary>
    [Fact]
    public void Api_keys_stored_by_earlier_releases_still_open()
    {
        var keys = new ApiKeyProtector(Under("known-answer secret"));

        Assert.Equal("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef",
            keys.Unprotect("AAECAwQFBgcICQoLKPy5Gg4kjUERVidIhinoe1qpW0UZwFJbAj+UMOezeZiyfTXix0wuPXrnPd1WC8Gz"));
    }

    [Fact]
    public void Another_purpose_another_secret_an_altered_text_or_no_protected_text_at_all_open_nothing()
    {
        var protector = Under("deployment secret");
        var sealedText = protector.Protect("seed 0123", "plugin key v1");
        var altered = Convert.FromBase64String(sealedText);
        altered[^1] ^= 1;

        Assert.Null(protector.Unprotect(sealedText, "plugin key v2"));
        Assert.Null(Under("rotated secret").Unprotect(sealedText, "plugin key v1"));
        Assert.Null(protector.Unprotect(Convert.ToBase64String(altered), "plugin key v1"));
        Assert.Null(protector.Unprotect("not base64 at all", "plugin key v1"));
        Assert.Null(protector.Unprotect("AAAA", "plugin key v1"));
    }
}
