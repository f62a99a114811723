using System.Security.Cryptography;
using System.Text;
using Quetz.Conda.Archives;

namespace Quetz.Conda.Tests.Archives;

public class PackageHashingTests
{
    [Fact]
    public async Task Known_vectors()
    {
        PackageHashes hashes = await PackageHashes.ComputeAsync(new MemoryStream("abc"u8.ToArray()), CancellationToken.None);

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hashes.Sha256);
        Assert.Equal("900150983cd24fb0d6963f7d28e17f72", hashes.Md5);
        Assert.Equal(3, hashes.Size);
    }

    [Fact]
    public async Task Empty_input()
    {
        PackageHashes hashes = await PackageHashes.ComputeAsync(new MemoryStream(), CancellationToken.None);

        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", hashes.Sha256);
        Assert.Equal("d41d8cd98f00b204e9800998ecf8427e", hashes.Md5);
        Assert.Equal(0, hashes.Size);
    }

    [Fact]
    public async Task Writing_through_copies_and_hashes_in_one_pass()
    {
        byte[] data = new byte[3_000_000];
        new Random(3).NextBytes(data);
        using var target = new MemoryStream();
        var hashing = new PackageHashingStream(target, leaveOpen: true);
        await using (hashing)
        {
            await new MemoryStream(data).CopyToAsync(hashing, 81920);
            hashing.Write(data.AsSpan(0, 10));
            await hashing.WriteAsync(data.AsMemory(10, 10));
        }

        byte[] expected = [.. data, .. data.AsSpan(0, 20)];
        Assert.Equal(expected, target.ToArray());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected)), hashing.Sha256Hex);
#pragma warning disable CA5351 // conda's md5 field
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(expected)), hashing.Md5Hex);
#pragma warning restore CA5351
        Assert.Equal(expected.Length, hashing.Length);
        Assert.Equal(new PackageHashes(hashing.Sha256Hex, hashing.Md5Hex, expected.Length), hashing.Hashes);
    }

    [Fact]
    public void Reading_through_hashes_what_was_read()
    {
        byte[] data = Encoding.ASCII.GetBytes("package bytes");
        using var hashing = new PackageHashingStream(new MemoryStream(data));
        hashing.CopyTo(Stream.Null);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), hashing.Sha256Hex);
        Assert.Equal(data.Length, hashing.Length);
    }

    [Fact]
    public void No_bytes_may_pass_once_the_hashes_were_read()
    {
        using var hashing = new PackageHashingStream(new MemoryStream());
        hashing.Write([1, 2, 3]);
        _ = hashing.Sha256Hex;

        Assert.Throws<InvalidOperationException>(() => hashing.Write([4]));
    }

    [Fact]
    public void Disposing_closes_the_inner_stream_unless_asked_not_to()
    {
        var closed = new MemoryStream();
        new PackageHashingStream(closed).Dispose();
        var open = new MemoryStream();
        new PackageHashingStream(open, leaveOpen: true).Dispose();

        Assert.False(closed.CanRead);
        Assert.True(open.CanRead);
    }
}
