using System.Diagnostics;
using Quetz.Conda.Archives;
using Xunit.Abstractions;

namespace Quetz.Conda.Tests.Archives;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LargePackageCollection : ICollectionFixture<LargePackageFixture>
{
    public const string Name = "Large package archives (run alone: they measure allocations)";
}

/// <summary>
/// Streaming on a ~50 MB package: conversion and reading must not allocate anything near the package's size
/// (the tests run alone so the process-wide allocation counter sees only them), and report their throughput.
/// </summary>
[Collection(LargePackageCollection.Name)]
public class LargePackageTests(LargePackageFixture package, ITestOutputHelper output)
{
    [Fact]
    public async Task Converts_without_holding_the_package_and_keeps_every_member()
    {
        string condaPath = Path.Combine(package.Directory, "converted.conda");
        long tarBz2Size = new FileInfo(package.TarBz2Path).Length;
        await using (var input = File.OpenRead(package.TarBz2Path))
        await using (var condaOutput = File.Create(condaPath))
        {
            var forwardOnly = new ForwardOnlyStream(input);
            long before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();

            await PackageWriter.ConvertTarBz2ToCondaAsync(forwardOnly, condaOutput, TestPackages.BaseName, TestPackages.FastOptions, CancellationToken.None);

            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            output.WriteLine($"converted {tarBz2Size / 1e6:F1} MB .tar.bz2 ({package.UnpackedBytes / 1e6:F1} MB unpacked) in {watch.Elapsed.TotalSeconds:F2} s, allocating {allocated / 1e6:F1} MB");
            Assert.Equal(tarBz2Size, forwardOnly.BytesRead);
            Assert.True(allocated < AllocationBound(), $"allocated {allocated} bytes converting a package of {package.UnpackedBytes} bytes");
        }

        List<MemberSummary> original;
        await using (var tarBz2 = File.OpenRead(package.TarBz2Path))
        {
            original = ArchiveInspector.ListTarBz2(tarBz2);
        }

        await using var conda = File.OpenRead(condaPath);
        (List<MemberSummary> info, List<MemberSummary> pkg, _) = ArchiveInspector.ListConda(conda);
        Assert.Equal(original.Count, info.Count + pkg.Count);
        Assert.Equal(original.FindAll(m => m.Name.StartsWith("info/", StringComparison.Ordinal)), info);
        Assert.Equal(original.FindAll(m => !m.Name.StartsWith("info/", StringComparison.Ordinal)), pkg);
    }

    [Theory]
    [InlineData(PackageFormat.TarBz2)]
    [InlineData(PackageFormat.Conda)]
    public async Task Reads_streaming_and_reports_throughput(PackageFormat format)
    {
        string path = format == PackageFormat.TarBz2 ? package.TarBz2Path : package.CondaPath;
        long size = new FileInfo(path).Length;
        await using var input = File.OpenRead(path);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();

        PackageMetadata metadata = await PackageReader.ReadAsync(input, format, null, CancellationToken.None);

        double seconds = watch.Elapsed.TotalSeconds;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        output.WriteLine(
            $"ReadAsync {format}: {size / 1e6:F1} MB file, {package.UnpackedBytes / 1e6:F1} MB unpacked, {seconds:F2} s = "
            + $"{size / 1e6 / seconds:F1} MB/s compressed, {package.UnpackedBytes / 1e6 / seconds:F1} MB/s unpacked; allocated {allocated / 1e6:F1} MB"
            + $" (fixture written in {(format == PackageFormat.TarBz2 ? package.TarBz2WriteTime : package.CondaWriteTime).TotalSeconds:F1} s)");
        Assert.Equal("test-package", metadata.Name);
        Assert.True(allocated < AllocationBound(), $"allocated {allocated} bytes reading a package of {package.UnpackedBytes} bytes");
    }

    // What streaming costs does not grow with the package: the bzip2 decoder's block tables (about 5 MB for
    // 900 kB blocks), pooled buffers and a few objects per member. Holding the package would take 46 to 68 MB.
    private long AllocationBound() => Math.Min(16L << 20, package.UnpackedBytes / 4);
}
