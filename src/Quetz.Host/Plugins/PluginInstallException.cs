namespace Quetz.Host.Plugins;

/// <summary>Why <c>quetz plugin install</c> could not install a package; the message is for the operator.</summary>
internal sealed class PluginInstallException(string message) : Exception(message);
