using ICSharpCode.SharpZipLib.BZip2;
using ZstdSharp;

namespace Quetz.Conda.Archives;

/// <summary>Turns the decoders' exceptions into <see cref="InvalidPackageException"/>s with user-facing messages.</summary>
internal static class ArchiveErrors
{
    public static T Translate<T>(Func<T> body)
    {
        try
        {
            return body();
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidPackageException("truncated archive", e);
        }
        catch (BZip2Exception e)
        {
            throw new InvalidPackageException("corrupt bzip2 data", e);
        }
        catch (ZstdException e)
        {
            throw new InvalidPackageException("corrupt zstd data", e);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidPackageException("corrupt archive", e);
        }
    }
}
