namespace Quetz.Host.Config;

/// <summary>A configuration problem an operator must fix; the message names the file or key.</summary>
internal sealed class ConfigException(string message) : Exception(message);
