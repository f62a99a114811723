using Quetz.Host.Plugins;

namespace Quetz.Host.Tests.Plugins;

public sealed class NativeAssetsTests
{
    [Theory]
    [InlineData("linux-x64", "linux", "x64", "linux-x64 linux unix-x64 unix any")]
    [InlineData("ubuntu.24.04-x64", "linux", "x64", "ubuntu.24.04-x64 linux-x64 linux unix-x64 unix any")]
    [InlineData("linux-musl-arm64", "linux", "arm64", "linux-musl-arm64 linux-musl linux-arm64 linux unix-arm64 unix any")]
    [InlineData("osx-arm64", "osx", "arm64", "osx-arm64 osx unix-arm64 unix any")]
    [InlineData("win-x64", "win", "x64", "win-x64 win any")]
    public void Assets_of_these_runtime_identifiers_run_here_most_specific_first(string reported, string os, string arch, string chain) =>
        Assert.Equal(chain.Split(' '), NativeAssets.RidChain(reported, os, arch));
}
