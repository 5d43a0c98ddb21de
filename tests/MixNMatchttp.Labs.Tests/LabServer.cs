using System.Net;
using System.Net.Sockets;
using MixNMatchttp.Cli.Tests;

namespace MixNMatchttp.Labs.Tests;

/// <summary>
/// <c>mixnmatchttp lab</c> as a child process on four free ports: the target (https://127.0.0.1), an attacker on the
/// same site (https://127.0.0.1, another port), one cross-site (https://localhost) and one on another scheme
/// (http://127.0.0.1, cross-site for cookies).
/// </summary>
internal sealed class LabServer : IAsyncDisposable
{
    private readonly CliProcess _process;

    private LabServer(CliProcess process, int[] ports)
    {
        _process = process;
        Target = $"https://127.0.0.1:{ports[0]}";
        SameSite = $"https://127.0.0.1:{ports[1]}";
        CrossSite = $"https://localhost:{ports[2]}";
        OtherScheme = $"http://127.0.0.1:{ports[3]}";
    }

    public string Target { get; }

    public string SameSite { get; }

    public string CrossSite { get; }

    public string OtherScheme { get; }

    public string Output => _process.Output;

    /// <summary>The port of <see cref="OtherScheme"/>: plain HTTP, for raw requests.</summary>
    public int HttpPort => new Uri(OtherScheme).Port;

    /// <summary>A client of the plain-HTTP origin (the same server as every other origin), no cookies, no redirects.</summary>
    public HttpClient Client() => new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(OtherScheme) };

    /// <summary>Starts the lab on four ports free a moment before; when another test (of another assembly, running at
    /// the same time) takes one of them in that moment, tries again with four others (three times at most).</summary>
    public static async Task<LabServer> StartAsync(params string[] args)
    {
        for (var attempt = 1; ; attempt++)
        {
            int[] ports = [FreePort(), FreePort(), FreePort(), FreePort()];
            var origins = new[] { $"https://127.0.0.1:{ports[0]}", $"https://127.0.0.1:{ports[1]}", $"https://localhost:{ports[2]}", $"http://127.0.0.1:{ports[3]}" };
            try
            {
                var process = await CliProcess.StartAsync(Path.GetTempPath(), ["lab", "--listen", .. origins, "-q", .. args]);
                return new LabServer(process, ports);
            }
            catch (Xunit.Sdk.FailException e) when (attempt < 3 && e.Message.Contains("the address is already in use", StringComparison.Ordinal))
            {
                // a port was taken between FreePort and the server's bind
            }
        }
    }

    /// <summary>A port free now on 127.0.0.1 (the server binds it a moment later).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
