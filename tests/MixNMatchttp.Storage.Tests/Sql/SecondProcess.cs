using System.Diagnostics;
using MixNMatchttp.Storage.Sql;

namespace MixNMatchttp.Storage.Tests.Sql;

/// <summary>
/// The test assembly's entry point (the test runner does not use it): <c>dotnet MixNMatchttp.Storage.Tests.dll
/// create-users URL PREFIX COUNT</c> opens the storage at URL and creates users PREFIX0…PREFIX(COUNT-1), so that a test
/// has a second process writing the same database.
/// </summary>
public static class SecondProcess
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["create-users", var url, var prefix, var countText] || !int.TryParse(countText, out var count))
        {
            await Console.Error.WriteLineAsync("usage: create-users URL PREFIX COUNT");
            return 2;
        }

        await using var storage = await SqlStorage.OpenAsync(url);
        var created = 0;
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, cancellationToken) =>
        {
            if (await storage.Users.TryCreateAsync(new UserRecord(prefix + i, "h", ["second"]), cancellationToken))
            {
                Interlocked.Increment(ref created);
            }
        });
        return created == count ? 0 : 1;
    }

    /// <summary>Starts this assembly as a second process creating <paramref name="count"/> users.</summary>
    public static Process Start(string url, string prefix, int count)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { typeof(SecondProcess).Assembly.Location, "create-users", url, prefix, count.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("cannot start the second process");
    }
}
