namespace MixNMatchttp.Cli.Daemon;

/// <summary>What <c>status</c> finds; its exit code is the value (the original's: 0 running, 1 stopped, 3 stale).</summary>
internal enum DaemonState
{
    Running = 0,
    Stopped = 1,
    Stale = 3,
}
