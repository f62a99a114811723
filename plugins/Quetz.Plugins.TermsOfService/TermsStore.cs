using System.Text;
using Quetz.Abstractions.Storage;

namespace Quetz.Plugins.TermsOfService;

/// <summary>
/// Where the texts live in the package store: <c>{tos id}/{filename}</c> in the plugin's storage channel, so a new
/// version never overwrites the text users signed for an older one (quetz keeps them all under the bare filename).
/// </summary>
internal sealed class TermsStore(IPackageStore store, TermsOptions options)
{
    public static string PathOf(Guid tosId, string filename) => $"{tosId:N}/{filename}";

    public Task PutAsync(Guid tosId, string filename, Stream content, CancellationToken ct) =>
        store.PutAsync(options.StorageChannel, PathOf(tosId, filename), content, WriteMode.Overwrite, ct);

    public Task DeleteAsync(Guid tosId, string filename, CancellationToken ct) =>
        store.DeleteAsync(options.StorageChannel, PathOf(tosId, filename), ct);

    public async Task<string> ReadTextAsync(Guid tosId, string filename, CancellationToken ct)
    {
        await using var stream = await store.OpenReadAsync(options.StorageChannel, PathOf(tosId, filename), ct)
            ?? throw new InvalidOperationException($"terms of service file {PathOf(tosId, filename)} is missing from the store");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(ct);
    }
}
