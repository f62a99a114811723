namespace Quetz.Conda;

/// <summary>
/// Thrown when a version string or a version spec cannot be parsed, with conda's wording:
/// <c>Invalid version '&lt;spec&gt;': &lt;details&gt;</c>.
/// </summary>
public class InvalidVersionSpecException : ArgumentException
{
    /// <summary>Creates an exception with a generic message.</summary>
    public InvalidVersionSpecException()
        : base("Invalid version spec.")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">The message.</param>
    public InvalidVersionSpecException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidVersionSpecException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for <paramref name="invalidSpec"/> explaining why it was rejected.</summary>
    /// <param name="invalidSpec">The rejected version or version spec.</param>
    /// <param name="details">Why it was rejected.</param>
    /// <param name="innerException">The cause, if any.</param>
    public InvalidVersionSpecException(string invalidSpec, string details, Exception? innerException)
        : base($"Invalid version '{invalidSpec}': {details}", innerException)
    {
        InvalidSpec = invalidSpec;
        Details = details;
    }

    /// <summary>The rejected version or version spec, when known.</summary>
    public string? InvalidSpec { get; }

    /// <summary>Why the version or spec was rejected, when known.</summary>
    public string? Details { get; }

    internal static InvalidVersionSpecException For(string invalidSpec, string details) =>
        new(invalidSpec, details, null);
}
