namespace MixNMatchttp.Auth;

/// <summary>A users-file edit was refused or could not be done; the message is one line, for a command to print.</summary>
public sealed class UsersFileException : Exception
{
    public UsersFileException()
    {
    }

    public UsersFileException(string message)
        : base(message)
    {
    }

    public UsersFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
