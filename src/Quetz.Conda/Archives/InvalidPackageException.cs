namespace Quetz.Conda.Archives;

/// <summary>
/// A package archive is broken, unsafe or lacks what a conda package must have. The message is one
/// user-facing sentence that says what is wrong (for example <c>not a bzip2 file</c>,
/// <c>truncated archive</c>, <c>member '../x' escapes the package</c> or <c>info/index.json missing</c>),
/// fit to return as the detail of a 400 response.
/// </summary>
public sealed class InvalidPackageException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public InvalidPackageException()
        : base("invalid package")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with the package, one sentence.</param>
    public InvalidPackageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception from the lower-level error that revealed the problem.</summary>
    /// <param name="message">What is wrong with the package, one sentence.</param>
    /// <param name="innerException">The decoder's or parser's exception.</param>
    public InvalidPackageException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
