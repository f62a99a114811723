namespace Quetz.Plugins.RepodataPatching;

/// <summary>Where a channel's patch instructions come from.</summary>
internal static class PatchesPackage
{
    /// <summary>The subdir the patches package is published in.</summary>
    public const string Platform = "noarch";

    /// <summary>The package holding <c>{subdir}/patch_instructions.json</c> for <paramref name="channel"/>.</summary>
    public static string NameFor(string channel) => channel + "-repodata-patches";

    /// <summary>The member of the patches package holding <paramref name="subdir"/>'s instructions.</summary>
    public static string InstructionsPath(string subdir) => subdir + "/patch_instructions.json";
}
