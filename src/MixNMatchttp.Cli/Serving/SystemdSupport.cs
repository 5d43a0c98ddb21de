using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MixNMatchttp.Cli.Serving;

/// <summary>Under systemd (Type=notify): tells it when the server is ready and stopping, and logs in journald's format.
/// Elsewhere it does nothing.</summary>
internal sealed class SystemdSupport : MixModule
{
    public override void ConfigureServices(IServiceCollection services) => services.AddSystemd();
}
