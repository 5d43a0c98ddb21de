namespace MixNMatchttp.Tests.Lifecycle;

/// <summary>A module that writes what happens to it into a shared journal, and can fail its start.</summary>
internal sealed class RecordingModule(string name, List<string> journal, Exception? startFailure = null) : MixModule
{
    public ModuleContext? StartedWith { get; private set; }

    public override void Configure(ModuleConfiguration configuration)
    {
        lock (journal)
        {
            journal.Add("configure " + name);
        }
    }

    public override ValueTask StartAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        StartedWith = context;
        lock (journal)
        {
            journal.Add("start " + name);
        }

        return startFailure is null ? default : ValueTask.FromException(startFailure);
    }

    protected override ValueTask DisposeAsyncCore()
    {
        lock (journal)
        {
            journal.Add("dispose " + name);
        }

        return base.DisposeAsyncCore();
    }
}
