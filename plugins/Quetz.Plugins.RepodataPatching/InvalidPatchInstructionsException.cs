namespace Quetz.Plugins.RepodataPatching;

/// <summary>A patches package whose instructions cannot be applied; the message says why.</summary>
internal sealed class InvalidPatchInstructionsException : Exception
{
    public InvalidPatchInstructionsException()
    {
    }

    public InvalidPatchInstructionsException(string message)
        : base(message)
    {
    }

    public InvalidPatchInstructionsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
