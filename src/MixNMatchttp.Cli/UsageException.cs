namespace MixNMatchttp.Cli;

/// <summary>A bad command line, option value or configuration file: reported one line per problem, exit code 2.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : this([message])
    {
    }

    public UsageException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}
