namespace Quetz.Conda;

/// <summary>
/// Thrown when a match spec cannot be parsed, with conda's wording:
/// <c>Invalid spec '&lt;spec&gt;': &lt;details&gt;</c>.
/// </summary>
public class InvalidMatchSpecException : ArgumentException
{
    /// <summary>Creates an exception with a generic message.</summary>
    public InvalidMatchSpecException()
        : base("Invalid match spec.")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">The message.</param>
    public InvalidMatchSpecException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidMatchSpecException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for <paramref name="invalidSpec"/> explaining why it was rejected.</summary>
    /// <param name="invalidSpec">The rejected match spec.</param>
    /// <param name="details">Why it was rejected.</param>
    /// <param name="innerException">The cause, if any (for example an <see cref="InvalidVersionSpecException"/>).</param>
    public InvalidMatchSpecException(string invalidSpec, string details, Exception? innerException)
        : base($"Invalid spec '{invalidSpec}': {details}", innerException)
    {
        InvalidSpec = invalidSpec;
        Details = details;
    }

    /// <summary>The rejected match spec, when known.</summary>
    public string? InvalidSpec { get; }

    /// <summary>Why the match spec was rejected, when known.</summary>
    public string? Details { get; }

    internal static InvalidMatchSpecException For(string invalidSpec, string details) =>
        new(invalidSpec, details, null);
}
