namespace Quetz.Abstractions.Http;

/// <summary>
/// An error answered to the client as quetz answers it: the status code and <c>{"detail": "…"}</c>. Throw it from
/// a plugin's endpoint or extension point; nothing else about the request is written.
/// </summary>
public sealed class QuetzHttpException : Exception
{
    /// <summary>An error with an HTTP status and the message the client reads.</summary>
    public QuetzHttpException(int status, string detail)
        : base(detail)
    {
        Status = status;
    }

    /// <summary>The HTTP status code.</summary>
    public int Status { get; }
}
