using System.Globalization;
using k8s;
using k8s.Models;

namespace ActorOrchestrator.EndToEndTests.Infrastructure;

/// <summary>How a test cluster is started.</summary>
public sealed record TestClusterOptions
{
    public int Silos { get; init; } = 1;

    /// <summary>Extra command-line switches every silo gets (e.g. a short log retention).</summary>
    public IReadOnlyList<string> SiloArguments { get; init; } = [];

    /// <summary>Environment every process of the cluster gets (e.g. an OTLP endpoint).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Node agents started with the cluster, each on a loopback address of its own (127.0.0.2, ...).</summary>
    public int Nodes { get; init; }

    /// <summary>Extra command-line switches every node agent gets.</summary>
    public IReadOnlyList<string> NodeArguments { get; init; } = [];
}

/// <summary>
/// A control plane of real processes on a database of its own: silos and Gateways started with
/// <c>dotnet</c>, as <c>deploy/up.sh</c> starts them. Processes can be stopped, killed and restarted.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly List<ManagedProcess> _silos = [];
    private readonly List<ManagedProcess> _gateways = [];
    private readonly List<string> _siloHttpUrls = [];
    private readonly List<TestNode> _nodes = [];
    private readonly List<ManagedProcess> _hollow = [];
    private readonly string _clusterId = "test-" + Guid.NewGuid().ToString("N")[..8];
    private readonly TestClusterOptions _options;

    private TestCluster(TestDatabase database, int gatewayPort, TestClusterOptions options)
    {
        Database = database;
        GatewayPort = gatewayPort;
        GatewayUrl = $"http://127.0.0.1:{gatewayPort}";
        Kubectl = new Kubectl(GatewayUrl);
        _options = options;
    }

    public TestDatabase Database { get; }

    public int GatewayPort { get; }

    public string GatewayUrl { get; }

    public Kubectl Kubectl { get; }

    public IReadOnlyList<ManagedProcess> Silos => _silos;

    public IReadOnlyList<ManagedProcess> Gateways => _gateways;

    /// <summary>The node agents started so far; names are unique to this cluster, so tests can find their containers.</summary>
    public IReadOnlyList<TestNode> Nodes => _nodes;

    /// <summary>Where each silo serves its dashboard and metrics, in start order.</summary>
    public IReadOnlyList<string> SiloHttpUrls => _siloHttpUrls;

    public static async Task<TestCluster> StartAsync(TestClusterOptions? options = null)
    {
        options ??= new TestClusterOptions();
        var database = await TestDatabase.CreateAsync();
        var cluster = new TestCluster(database, FreePorts.Next(), options);
        for (var i = 0; i < options.Silos; i++) cluster.StartSilo();
        cluster.StartGateway();
        await cluster.WaitUntilServingAsync();
        for (var i = 0; i < options.Nodes; i++) cluster.AddNode();
        foreach (var node in cluster.Nodes) await cluster.WaitForNodeReadyAsync(node.Name);
        return cluster;
    }

    /// <summary>Starts a node agent with its own loopback address; its name is unique to this cluster.</summary>
    public TestNode AddNode(string? labels = null)
    {
        var index = _nodes.Count + 1;
        var node = new TestNode($"{_clusterId}-n{index}", $"127.0.0.{index + 1}", FreePorts.Next(), labels);
        _nodes.Add(node);
        StartNodeAgent(node);
        return node;
    }

    /// <summary>
    /// Starts one agent process running <paramref name="count"/> hollow nodes on the fake runtime, named
    /// <c>&lt;cluster&gt;-h-1</c> .. <c>-h-&lt;count&gt;</c> (returned), and waits until all are Ready.
    /// </summary>
    public async Task<IReadOnlyList<string>> AddHollowNodesAsync(int count, int fakeLatencyMs = 20)
    {
        var prefix = $"{_clusterId}-h";
        var process = ManagedProcess.Start("hollow", RepositoryPaths.Program("NodeAgent", "ActorOrchestrator.NodeAgent"),
        [
            "--pg", Database.ConnectionString,
            "--cluster-id", _clusterId,
            "--node-name", prefix,
            "--address", "127.0.1.1",
            "--port", FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            "--runtime", "fake",
            "--hollow-nodes", count.ToString(CultureInfo.InvariantCulture),
            "--fake-latency-ms", fakeLatencyMs.ToString(CultureInfo.InvariantCulture),
            "--heartbeat-seconds", "2",
            "--resync-seconds", "10",
        ], _options.Environment.ToDictionary());
        _hollow.Add(process);
        var names = Enumerable.Range(1, count).Select(i => $"{prefix}-{i.ToString(CultureInfo.InvariantCulture)}").ToList();
        await Eventually.WaitForAsync(async () =>
        {
            using var client = Client();
            var nodes = await client.CoreV1.ListNodeAsync();
            return nodes.Items.Count(n => names.Contains(n.Metadata.Name) && n.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
        }, ready => ready == count, TimeSpan.FromSeconds(90), $"{count} hollow nodes to be Ready (logs in {RepositoryPaths.LogDirectory})");
        return names;
    }

    /// <summary>(Re)starts the agent process of a node, e.g. after a test killed it.</summary>
    public ManagedProcess StartNodeAgent(TestNode node)
    {
        node.Process = ManagedProcess.Start(node.Name, RepositoryPaths.Program("NodeAgent", "ActorOrchestrator.NodeAgent"),
        [
            "--pg", Database.ConnectionString,
            "--cluster-id", _clusterId,
            "--node-name", node.Name,
            "--address", node.Address,
            "--port", node.Port.ToString(CultureInfo.InvariantCulture),
            "--heartbeat-seconds", "2",
            "--resync-seconds", "10",
            .. node.Labels is null ? Array.Empty<string>() : ["--labels", node.Labels],
            .. _options.NodeArguments,
        ], _options.Environment.ToDictionary());
        return node.Process;
    }

    public Task WaitForNodeReadyAsync(string name) =>
        Eventually.WaitForAsync(async () =>
        {
            using var client = Client();
            var node = await client.CoreV1.ReadNodeAsync(name);
            return node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
        }, TimeSpan.FromSeconds(120), $"node {name} to be Ready (logs in {RepositoryPaths.LogDirectory})");

    public ManagedProcess StartSilo()
    {
        var http = $"http://127.0.0.1:{FreePorts.Next()}";
        var silo = ManagedProcess.Start($"silo{_silos.Count}", RepositoryPaths.Program("Silo", "ActorOrchestrator.Silo"),
        [
            "--pg", Database.ConnectionString,
            "--cluster-id", _clusterId,
            "--silo-port", FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            "--gateway-port", FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            "--http", http,
            .. _options.SiloArguments,
        ], _options.Environment.ToDictionary());
        _silos.Add(silo);
        _siloHttpUrls.Add(http);
        return silo;
    }

    public ManagedProcess StartGateway(int? port = null)
    {
        var gateway = ManagedProcess.Start($"gateway{_gateways.Count}", RepositoryPaths.Program("Gateway", "ActorOrchestrator.Gateway"),
        [
            "--pg", Database.ConnectionString,
            "--cluster-id", _clusterId,
            "--listen", port is null ? GatewayUrl : $"http://127.0.0.1:{port}",
        ], _options.Environment.ToDictionary());
        _gateways.Add(gateway);
        return gateway;
    }

    /// <summary>Stops every process gracefully (their state is all in the database).</summary>
    public async Task StopAllAsync()
    {
        foreach (var process in _nodes.Select(n => n.Process).OfType<ManagedProcess>().Concat(_gateways).Concat(_silos)) await process.StopAsync();
        _gateways.Clear();
        _silos.Clear();
        _siloHttpUrls.Clear();
    }

    /// <summary>
    /// Waits until the Gateway answers and the system namespaces exist (a silo is serving). A quiet machine takes
    /// seconds; the bound is generous because CI machines may be busy with other test hosts.
    /// </summary>
    public Task WaitUntilServingAsync(TimeSpan? timeout = null) =>
        Eventually.WaitForAsync(async () =>
        {
            using var client = new HttpClient { BaseAddress = new Uri(GatewayUrl), Timeout = TimeSpan.FromSeconds(5) };
            var response = await client.GetAsync("/api/v1/namespaces/kube-node-lease");
            return response.IsSuccessStatusCode;
        }, timeout ?? TimeSpan.FromSeconds(180), $"the cluster at {GatewayUrl} to serve (logs in {RepositoryPaths.LogDirectory})");

    public HttpClient Http() => new() { BaseAddress = new Uri(GatewayUrl), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The official Kubernetes C# client, pointed at this cluster.</summary>
    public Kubernetes Client() => new(new KubernetesClientConfiguration { Host = GatewayUrl });

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _nodes.Select(n => n.Process).OfType<ManagedProcess>().Concat(_hollow).Concat(_gateways).Concat(_silos)) await process.DisposeAsync();
        foreach (var node in _nodes) await Docker.RemoveContainersOfNodeAsync(node.Name);
        await Database.DisposeAsync();
    }
}
