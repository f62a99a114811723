namespace Quetz.Plugins.ContentTrust.Roles;

/// <summary>The roles of conda's signed-repodata scheme and the files clients fetch them from.</summary>
internal static class RoleTypes
{
    /// <summary>Signed by itself; delegates <c>root</c> (its own keys) and <c>key_mgr</c>.</summary>
    public const string Root = "root";

    /// <summary>Signed by root's <c>key_mgr</c> keys; delegates <c>pkg_mgr</c>.</summary>
    public const string KeyMgr = "key_mgr";

    /// <summary>Signed by key_mgr's <c>pkg_mgr</c> keys: the keys that sign repodata records.</summary>
    public const string PkgMgr = "pkg_mgr";

    public static readonly string[] All = [Root, KeyMgr, PkgMgr];

    /// <summary>
    /// Where a role file is published in the channel: <c>key_mgr.json</c> and <c>pkg_mgr.json</c> as conda and libmamba
    /// fetch them, root as <c>root.json</c> and as <c>{version}.root.json</c> for clients walking the root chain.
    /// </summary>
    public static IEnumerable<string> FileNames(string type, long version) =>
        type == Root ? ["root.json", $"{version}.root.json"] : [$"{type}.json"];

    /// <summary>The file that holds the current role of <paramref name="type"/>.</summary>
    public static string CurrentFileName(string type) => $"{type}.json";
}
