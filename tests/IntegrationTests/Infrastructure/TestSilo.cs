using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace ActorOrchestrator.IntegrationTests.Infrastructure;

/// <summary>
/// A real silo in this process, configured like the product's: ADO.NET clustering, grain storage
/// and reminders on PostgreSQL through the "Npgsql" invariant, listening on loopback only.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    public const string Invariant = "Npgsql";
    public const string DeleteOnClearStorage = "DeleteOnClear";

    private static readonly TimeSpan StartStopTimeout = TimeSpan.FromSeconds(60);

    private readonly IHost _host;
    private bool _stopped;

    private TestSilo(IHost host, string name, int gatewayPort)
    {
        _host = host;
        Name = name;
        GatewayPort = gatewayPort;
    }

    public string Name { get; }

    public int GatewayPort { get; }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory GrainFactory => Services.GetRequiredService<IGrainFactory>();

    public static async Task<TestSilo> StartAsync(string connectionString, string clusterId, string name)
    {
        var siloPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = clusterId;
            });
            silo.Configure<SiloOptions>(o => o.SiloName = name);
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            });
            silo.AddAdoNetGrainStorageAsDefault(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            });
            silo.AddAdoNetGrainStorage(DeleteOnClearStorage, o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
                o.DeleteStateOnClear = true;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            });
        });

        var host = builder.Build();
        using var timeout = new CancellationTokenSource(StartStopTimeout);
        await host.StartAsync(timeout.Token);
        return new TestSilo(host, name, gatewayPort);
    }

    /// <summary>Graceful shutdown: the silo marks itself Dead in the membership table.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using var timeout = new CancellationTokenSource(StartStopTimeout);
        await _host.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}
