using System.Diagnostics;
namespace MixNMatchttp.Tests.Files;

/// <summary>Only regular files and directories are served: a FIFO, socket or device node in the document root is
/// refused with 403 without being opened (opening a FIFO would wait for a writer forever).</summary>
public sealed class SpecialFileTests
{
    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task FifoInTheRoot_Is403WithoutBlocking(string method)
    {
        using var dir = new TempDirectory();
        MakeFifo(Path.Join(dir.Path, "pipe"));
        await using var host = await StaticFilesHost.StartAsync(dir.Path);

        var response = await SendAsync(host, method, "/pipe");

        Assert.Equal(403, response.Status);
        Assert.Null(response.Header("ETag"));
    }

    [Fact]
    public async Task SymlinkToAFifoInsideTheRoot_Is403WithoutBlocking()
    {
        using var dir = new TempDirectory();
        var fifo = Path.Join(dir.Path, "pipe");
        MakeFifo(fifo);
        File.CreateSymbolicLink(Path.Join(dir.Path, "link.txt"), fifo);
        await using var host = await StaticFilesHost.StartAsync(dir.Path);

        var response = await SendAsync(host, "GET", "/link.txt");

        Assert.Equal(403, response.Status);
    }

    [Fact]
    public async Task FifoNamedLikeTheIndexFile_IsNotServedForTheDirectory()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Join(dir.Path, "site"));
        MakeFifo(Path.Join(dir.Path, "site", "index.html"));
        await using var host = await StaticFilesHost.StartAsync(dir.Path, directoryListing: true);

        var response = await SendAsync(host, "GET", "/site/");

        Assert.Equal(200, response.Status);
        Assert.Contains("Directory listing for /site/", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeviceFileReachedThroughASymlinkInsideTheRoot_IsStillOutsideTheRoot_403()
    {
        using var dir = new TempDirectory();
        File.CreateSymbolicLink(Path.Join(dir.Path, "null.txt"), "/dev/null");
        await using var host = await StaticFilesHost.StartAsync(dir.Path);

        var response = await SendAsync(host, "GET", "/null.txt");

        Assert.Equal(403, response.Status);
    }

    [Fact]
    public async Task SendFileOfAFifo_Is403WithoutBlocking()
    {
        using var dir = new TempDirectory();
        var fifo = Path.Join(dir.Path, "pipe");
        MakeFifo(fifo);
        await using var host = await TestHost.StartAsync(new TestModule(new() { ["h"] = new() }, map => map.Get("h", c => new(c.SendFileAsync(fifo)))));

        var response = await SendAsync(host, "GET", "/h");

        Assert.Equal(403, response.Status);
    }

    /// <summary>A short timeout: a server that opens the FIFO never answers.</summary>
    private static Task<RawResponse> SendAsync(TestHost host, string method, string target) =>
        RawHttp.SendAsync(host.Port, $"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", TimeSpan.FromSeconds(5));

    private static void MakeFifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
