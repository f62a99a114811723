using System.Runtime.InteropServices;

namespace Quetz.Host.Storage;

/// <summary>Index files built in memory, handed to the store as streams without copying.</summary>
internal static class MemoryContent
{
    public static MemoryStream AsStream(this ReadOnlyMemory<byte> content) =>
        MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
}
