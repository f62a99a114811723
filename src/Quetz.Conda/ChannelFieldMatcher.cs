namespace Quetz.Conda;

/// <summary>
/// Matches a record's channel (conda's <c>ChannelMatch</c>). A pattern (<c>conda-*</c>,
/// <c>^...$</c>) matches the record channel's canonical name; a URL off the channel alias must
/// have the same base URL; a channel name matches the record channel's name or canonical name,
/// so <c>defaults</c> matches <c>pkgs/main</c> but not the other way round.
/// </summary>
internal sealed class ChannelFieldMatcher : FieldMatcher
{
    private const string UnknownChannel = "<unknown>";

    private readonly GlobFieldMatcher? _pattern;
    private readonly ChannelInfo? _channel;

    public ChannelFieldMatcher(string value)
    {
        if ((value.StartsWith('^') && value.EndsWith('$')) || value.Contains('*', StringComparison.Ordinal))
        {
            _pattern = new GlobFieldMatcher(value, lowerCaseValue: false, ignoreInputCase: false);
            Text = value;
        }
        else
        {
            _channel = ChannelInfo.Parse(value);
            Text = _channel.IsNonAliasUrl ? _channel.BaseUrl ?? _channel.CanonicalName : _channel.CanonicalName;
        }
    }

    public override string Text { get; }

    public override bool IsExact => _channel is not null;

    /// <summary>Whether the pattern is <c>*</c>.</summary>
    public bool MatchesAll => _pattern?.MatchesAll ?? false;

    public override bool Matches(string? value)
    {
        ChannelInfo? other = string.IsNullOrWhiteSpace(value) ? null : ChannelInfo.Parse(value);
        if (_pattern is not null)
        {
            return _pattern.Matches(other?.CanonicalName ?? UnknownChannel);
        }

        if (other is null)
        {
            return false;
        }

        if (_channel!.IsNonAliasUrl)
        {
            return string.Equals(_channel.BaseUrl, other.BaseUrl, StringComparison.Ordinal);
        }

        return string.Equals(_channel.Name, other.Name, StringComparison.Ordinal)
            || string.Equals(_channel.Name, other.CanonicalName, StringComparison.Ordinal);
    }
}
