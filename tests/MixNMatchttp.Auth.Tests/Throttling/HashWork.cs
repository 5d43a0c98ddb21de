namespace MixNMatchttp.Auth.Tests.Throttling;

/// <summary>Counts the hash computations of a <see cref="PasswordHasher"/> (through its test seam): how many started,
/// how many are running, and the most that ever ran at once.</summary>
internal sealed class HashWork
{
    private int _started;
    private int _running;
    private int _peak;

    private HashWork()
    {
    }

    public int Started => Volatile.Read(ref _started);

    public int Running => Volatile.Read(ref _running);

    public int Peak => Volatile.Read(ref _peak);

    public static HashWork Watch(PasswordHasher hasher)
    {
        var work = new HashWork();
        hasher.WorkObserver = work.Observe;
        return work;
    }

    private void Observe(int delta)
    {
        if (delta > 0)
        {
            Interlocked.Increment(ref _started);
        }

        var running = Interlocked.Add(ref _running, delta);
        int peak;
        while (running > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, running, peak) != peak)
        {
        }
    }
}
