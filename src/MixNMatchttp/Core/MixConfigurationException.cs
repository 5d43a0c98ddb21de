namespace MixNMatchttp;

/// <summary>A server or module is configured in a way that cannot work; thrown at start-up, never on a request.
/// <see cref="Problems"/> lists every problem found, one line each; the message is that one line when there is one
/// problem, else a count followed by the lines.</summary>
public sealed class MixConfigurationException : Exception
{
    public MixConfigurationException()
    {
        Problems = [];
    }

    public MixConfigurationException(string message)
        : base(message)
    {
        Problems = [message];
    }

    public MixConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public MixConfigurationException(IReadOnlyList<string> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem, one line each.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Describe(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 1
            ? problems[0]
            : $"{problems.Count} configuration problems:{Environment.NewLine}" + string.Join(Environment.NewLine, problems.Select(problem => "- " + problem));
    }
}
