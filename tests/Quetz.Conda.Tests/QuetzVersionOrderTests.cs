using System.Text.Json;

namespace Quetz.Conda.Tests;

/// <summary>Quetz's own version ordering vector (Data/quetz-versionorder.json).</summary>
public class QuetzVersionOrderTests
{
    [Fact]
    public void SortsPackageVersionsNewestFirst()
    {
        static (string Version, long Build)[] Read(string key) =>
            [.. TestData.Rows(TestData.QuetzFile, key).Select(r => (r[0].GetString()!, r[1].GetInt64()))];

        var sorted = Read("packageVersions")
            .OrderByDescending(p => VersionOrder.Parse(p.Version))
            .ThenByDescending(p => p.Build)
            .ToArray();

        Assert.Equal(Read("descending"), sorted);
    }
}
