namespace ActorOrchestrator.EndToEndTests.Infrastructure;

/// <summary>One running cluster shared by the tests of a class; each test uses names of its own.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private TestCluster? _cluster;

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("the cluster did not start");

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}
