namespace ActorOrchestrator.EndToEndTests.Infrastructure;

/// <summary>
/// A cluster with two node agents on real Docker, with node lifecycle and back-off timings shortened so
/// that tests see in seconds what takes minutes with Kubernetes' defaults.
/// </summary>
public sealed class NodeClusterFixture : IAsyncLifetime
{
    public static TestClusterOptions Options(int nodes) => new()
    {
        Nodes = nodes,
        SiloArguments = ["--node-grace-seconds", "10", "--node-monitor-seconds", "2", "--default-toleration-seconds", "15"],
        NodeArguments = ["--backoff-initial-seconds", "2", "--backoff-max-seconds", "10"],
    };

    private TestCluster? _cluster;

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("the cluster did not start");

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync(Options(2));

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}
