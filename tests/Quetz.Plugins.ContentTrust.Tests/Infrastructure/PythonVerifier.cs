using Quetz.EndToEnd.Tests.Infrastructure;

namespace Quetz.Plugins.ContentTrust.Tests.Infrastructure;

/// <summary>
/// Checks a served repodata.json the way conda's signature verification does, in Python with Debian's
/// python3-cryptography (OpenSSL's ed25519): each record of <c>packages</c> and <c>packages.conda</c>, as parsed by
/// Python's json, serialised by conda-content-trust's canonserialize (<c>json.dumps(obj, indent=2, sort_keys=True)</c>)
/// and verified against <c>signatures[filename][key]</c>. A record changed after signing must fail.
/// </summary>
public static class PythonVerifier
{
    private const string Script = """
        import json, sys
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        def canonserialize(obj):
            return json.dumps(obj, indent=2, sort_keys=True).encode("utf-8")

        with open(sys.argv[1], encoding="utf-8") as f:
            repodata = json.load(f)
        public_hex = sys.argv[2]
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex))
        records = dict(repodata.get("packages", {}))
        records.update(repodata.get("packages.conda", {}))
        signatures = repodata["signatures"]
        if sorted(signatures) != sorted(records):
            sys.exit(f"signed {sorted(signatures)} but records are {sorted(records)}")
        for filename, record in sorted(records.items()):
            entry = signatures[filename]
            if list(entry) != [public_hex]:
                sys.exit(f"{filename}: signed by {list(entry)}")
            signature = bytes.fromhex(entry[public_hex]["signature"])
            key.verify(signature, canonserialize(record))
            tampered = dict(record, depends=record.get("depends", []) + ["evil"])
            try:
                key.verify(signature, canonserialize(tampered))
                sys.exit(f"{filename}: a tampered record verified")
            except InvalidSignature:
                pass
            print("verified", filename)
        """;

    /// <summary>Verifies <paramref name="repodata"/> (the bytes served) against <paramref name="publicKey"/>; returns the verified file names.</summary>
    public static async Task<string[]> VerifyAsync(byte[] repodata, string publicKey)
    {
        using var scratch = new TempDirectory();
        await File.WriteAllBytesAsync(scratch["repodata.json"], repodata);
        var result = await ExternalProcess.RunAsync("/usr/bin/python3", ["-", scratch["repodata.json"], publicKey], scratch.Path, stdin: Script);
        Assert.True(result.ExitCode == 0, $"conda-style verification failed: {result}");
        return [.. result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l["verified ".Length..])];
    }
}
