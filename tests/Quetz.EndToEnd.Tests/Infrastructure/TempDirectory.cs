namespace Quetz.EndToEnd.Tests.Infrastructure;

/// <summary>A scratch folder for downloads and extractions, removed at the end of the test.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("quetz-e2e-").FullName;

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; never fails a test.
        }
    }
}
