using Quetz.Host.Http;

namespace Quetz.Host.Channels;

/// <summary>
/// quetz's channel-name rules (no '_', ASCII only) plus ours: the name becomes a folder and a URL segment,
/// so only letters, digits, '-' and '.' are allowed, and it may not start with '.'.
/// </summary>
internal static class ChannelNames
{
    public static void Validate(string name)
    {
        if (name.Contains('_', StringComparison.Ordinal))
        {
            throw ApiException.Unprocessable("_ should not be used in channel name");
        }

        if (!name.All(char.IsAscii))
        {
            throw ApiException.Unprocessable("only ASCII characters should be used in channel name");
        }

        if (name.Length == 0 || name[0] == '.' || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
        {
            throw ApiException.Unprocessable("channel name may only contain ASCII letters, digits, '-' and '.', and may not start with '.'");
        }
    }
}
