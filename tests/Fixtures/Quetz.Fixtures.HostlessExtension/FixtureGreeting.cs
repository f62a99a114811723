namespace Microsoft.Extensions.QuetzFixture;

/// <summary>Something for a plugin to call, so that the library must be loaded.</summary>
public static class FixtureGreeting
{
    public static string Text => "from an extension the host lacks";
}
