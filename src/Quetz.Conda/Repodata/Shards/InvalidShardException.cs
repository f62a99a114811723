namespace Quetz.Conda.Repodata.Shards;

/// <summary>
/// A sharded repodata file (CEP-16 shard index or shard) is not valid: broken zstd or MessagePack,
/// a required key missing, a value of the wrong type, nesting too deep, or more data than allowed.
/// The message says what and where.
/// </summary>
public sealed class InvalidShardException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public InvalidShardException()
        : base("invalid sharded repodata")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, one sentence.</param>
    public InvalidShardException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception from the lower-level error that revealed the problem.</summary>
    /// <param name="message">What is wrong, one sentence.</param>
    /// <param name="innerException">The decoder's exception.</param>
    public InvalidShardException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
