using ActorOrchestrator.IntegrationTests.Grains;
using ActorOrchestrator.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace ActorOrchestrator.IntegrationTests;

/// <summary>Cluster membership through the ADO.NET clustering provider on PostgreSQL.</summary>
[Trait("Category", "Integration")]
public sealed class MembershipTests(ScratchDatabase database) : IClassFixture<ScratchDatabase>
{
    private const int Active = 3;
    private const int Dead = 6;
    private static readonly TimeSpan MembershipTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Two_silos_become_active_and_a_stopped_one_is_dead_then_cleaned_up()
    {
        var clusterId = $"it-{Guid.NewGuid():N}";
        await using var silo1 = await TestSilo.StartAsync(database.ConnectionString, clusterId, "silo-1");
        await using var silo2 = await TestSilo.StartAsync(database.ConnectionString, clusterId, "silo-2");

        await Eventually.TrueAsync(
            async () => (await SiloNames(clusterId, Active)).SequenceEqual(["silo-1", "silo-2"]),
            MembershipTimeout, "both silos to be Active in OrleansMembershipTable");

        await silo2.StopAsync();
        await Eventually.TrueAsync(
            async () => (await SiloNames(clusterId, Dead)).SequenceEqual(["silo-2"]),
            MembershipTimeout, "the stopped silo to be Dead in OrleansMembershipTable");

        var membership = silo1.Services.GetRequiredService<IMembershipTable>();
        await membership.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddSeconds(1));

        Assert.Empty(await SiloNames(clusterId, Dead));
        Assert.Equal(["silo-1"], await SiloNames(clusterId, Active));
    }

    [Fact]
    public async Task Client_finds_a_gateway_in_the_membership_table_and_calls_a_grain()
    {
        var clusterId = $"it-{Guid.NewGuid():N}";
        await using var silo = await TestSilo.StartAsync(database.ConnectionString, clusterId, "silo-1");
        using var client = await StartClientAsync(clusterId);

        var grain = client.Services.GetRequiredService<IClusterClient>().GetGrain<IProbeGrain>($"client-{Guid.NewGuid():N}");
        await grain.SetValue("from-client");

        Assert.Equal("from-client", await grain.GetValue());
        await client.StopAsync();
    }

    private async Task<IHost> StartClientAsync(string clusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = clusterId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = TestSilo.Invariant;
                o.ConnectionString = database.ConnectionString;
            });
        });
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(MembershipTimeout);
        await host.StartAsync(timeout.Token);
        return host;
    }

    private Task<List<string>> SiloNames(string clusterId, int status) =>
        database.ColumnAsync<string>(
            "SELECT SiloName FROM OrleansMembershipTable WHERE DeploymentId = @c AND Status = @s ORDER BY SiloName",
            ("c", clusterId), ("s", status));
}
