using Quetz.Abstractions.Plugins;

namespace Quetz.Fixtures.NoEntry;

/// <summary>References the contract but has no class implementing <see cref="IQuetzPlugin"/>.</summary>
public static class NotAPlugin
{
    public static string ContractName => typeof(IQuetzPlugin).Name;
}
