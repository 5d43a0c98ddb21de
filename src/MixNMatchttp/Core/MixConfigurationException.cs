namespace MixNMatchttp;

/// <summary>A server or module is configured in a way that cannot work; thrown at start-up, never on a request.</summary>
public sealed class MixConfigurationException : Exception
{
    public MixConfigurationException()
    {
    }

    public MixConfigurationException(string message)
        : base(message)
    {
    }

    public MixConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
