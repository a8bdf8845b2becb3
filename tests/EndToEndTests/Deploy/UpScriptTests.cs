using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ActorOrchestrator.EndToEndTests.Infrastructure;

namespace ActorOrchestrator.EndToEndTests.Deploy;

/// <summary>
/// <c>deploy/up.sh</c> and <c>deploy/down.sh</c> as a newcomer runs them, on a cluster of their own beside
/// any other on this machine: its own local directory (so its own PostgreSQL data, logs and pid files),
/// PostgreSQL port, Gateway port, silo ports, node agent ports and node names (agents on one Docker engine
/// must not share a node name, or each would sweep the other's containers).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class UpScriptTests : IAsyncLifetime
{
    // The first run may initialise PostgreSQL, build images and compile; the later ones find it all done.
    private static readonly TimeSpan FirstUpTimeout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan UpAgainTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan DownTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PodTimeout = TimeSpan.FromSeconds(120);
    private const int Nodes = 2;

    private readonly string _localDir = Directory.CreateTempSubdirectory("ao-up-").FullName;
    private readonly int _gatewayPort = FreePorts.Next();
    private readonly int _pgPort = FreePorts.Next();
    private readonly int _siloPort = FreePorts.Next();
    private readonly int _siloGatewayPort = FreePorts.Next();
    private readonly int _siloHttpPort = FreePorts.Next();
    private readonly int _nodePortBase = FreePorts.Next();
    private readonly string _nodePrefix = $"up-{Guid.NewGuid().ToString("N")[..6]}-node";
    private readonly Dictionary<string, string> _environment;

    public UpScriptTests()
    {
        _environment = new Dictionary<string, string>
        {
            ["AO_LOCAL_DIR"] = _localDir,
            ["AO_PG_PORT"] = Text(_pgPort),
            ["AO_SILO_PORT_BASE"] = Text(_siloPort),
            ["AO_SILO_GATEWAY_PORT_BASE"] = Text(_siloGatewayPort),
            ["AO_SILO_HTTP_PORT_BASE"] = Text(_siloHttpPort),
            ["AO_NODE_PORT_BASE"] = Text(_nodePortBase),
            ["AO_NODE_NAME_PREFIX"] = _nodePrefix,
            // The programs this test run was built with: up.sh then finds them current instead of compiling a
            // second (Release) copy of everything on a 2-core machine.
            ["AO_BUILD_CONFIGURATION"] = RepositoryPaths.Configuration,
            ["AO_UP_TIMEOUT"] = "180",
        };
    }

    private string Kubeconfig => Path.Combine(_localDir, "kubeconfig");

    private IEnumerable<string> NodeNames => Enumerable.Range(1, Nodes).Select(i => _nodePrefix + Text(i));

    /// <summary>Node i (1-based) serves its agent API on 127.0.0.(1+i), port AO_NODE_PORT_BASE+i.</summary>
    private IEnumerable<(IPAddress Address, int Port)> NodeEndpoints =>
        Enumerable.Range(1, Nodes).Select(i => (IPAddress.Parse($"127.0.0.{1 + i}"), _nodePortBase + i));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Whatever failed above, leave no process, container or PostgreSQL server behind.
        try
        {
            await BashScript.RunAsync("deploy/down.sh", ["--containers"], _environment, DownTimeout);
        }
        finally
        {
            Directory.Delete(_localDir, recursive: true);
        }
    }

    [Fact]
    public async Task UpWithTwoNodesRunsAPodRunningItAgainChangesNothingAndDownRemovesEverything()
    {
        string[] upArguments = ["--port", Text(_gatewayPort), "--nodes", Text(Nodes)];
        var up = await BashScript.RunAsync("deploy/up.sh", upArguments, _environment, FirstUpTimeout);
        Assert.True(up.ExitCode == 0, $"deploy/up.sh failed: {up}");
        Assert.Contains($"export KUBECONFIG={Kubeconfig}; kubectl get ns", up.Output);
        Assert.True(File.Exists(Path.Combine(_localDir, "pg", "data", "PG_VERSION")), "PostgreSQL should have its data under AO_LOCAL_DIR");
        var kubectl = Kubectl.WithKubeconfig(Kubeconfig);

        var namespaces = (await kubectl.RunAsync("get", "ns")).EnsureSuccess().Output;
        var names = FirstColumn(namespaces);
        foreach (var name in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            Assert.True(names.Contains(name), $"kubectl get ns should list {name}:\n{namespaces}");
        }

        // up.sh returns once every node is Ready, so this needs no waiting.
        var nodes = (await kubectl.RunAsync("get", "nodes")).EnsureSuccess().Output;
        Assert.Equal(NodeNames, FirstColumn(nodes));
        foreach (var node in NodeNames)
        {
            Assert.Matches($@"(?m)^{node}\s+Ready\s", nodes);
        }

        var pids = RecordedPids();
        Assert.Equal(["gateway0", "node1", "node2", "postgres", "silo0"], pids.Keys.Order());
        Assert.All(pids, p => Assert.True(IsAlive(p.Value), $"{p.Key} (pid {p.Value}) should run"));
        var kubeconfig = await File.ReadAllTextAsync(Kubeconfig);

        Assert.Contains("pod/kubia created", (await kubectl.RunAsync("run", "kubia", "--image=taodaling/kubia", "--port=8080")).EnsureSuccess().Output);
        await Eventually.WaitForAsync(async () => (await kubectl.RunAsync("get", "pod", "kubia", "-o", "jsonpath={.status.phase}")).Output,
            phase => phase == "Running", PodTimeout, "pod kubia to be Running");
        await Eventually.WaitForAsync(async () => (await kubectl.RunAsync("logs", "kubia")).Output,
            logs => logs.Contains("Kubia server starting...", StringComparison.Ordinal), SettleTimeout * 2, "kubectl logs kubia to show the server starting");
        Assert.NotEmpty(await ContainersOfClusterAsync());

        var again = await BashScript.RunAsync("deploy/up.sh", upArguments, _environment, UpAgainTimeout);
        Assert.True(again.ExitCode == 0, $"deploy/up.sh a second time failed: {again}");
        foreach (var name in new[] { "silo0", "gateway0", "node1", "node2" })
        {
            Assert.Contains($"{name} already running", again.Output);
        }
        Assert.Equal(pids, RecordedPids());
        Assert.Equal(kubeconfig, await File.ReadAllTextAsync(Kubeconfig));

        var down = await BashScript.RunAsync("deploy/down.sh", ["--containers"], _environment, DownTimeout);
        Assert.True(down.ExitCode == 0, $"deploy/down.sh --containers failed: {down}");
        foreach (var (name, pid) in pids)
        {
            await Eventually.WaitForAsync(() => Task.FromResult(!IsAlive(pid)), SettleTimeout, $"{name} (pid {pid}) to be gone");
        }
        Assert.Empty(Directory.GetFiles(Path.Combine(_localDir, "run"), "*.pid"));
        var endpoints = new[] { _gatewayPort, _pgPort, _siloPort, _siloGatewayPort, _siloHttpPort }.Select(port => (IPAddress.Loopback, port)).Concat(NodeEndpoints);
        foreach (var (address, port) in endpoints)
        {
            await Eventually.WaitForAsync(async () => !await IsListeningAsync(address, port), SettleTimeout, $"{address}:{port} to be closed");
        }
        Assert.Empty(await ContainersOfClusterAsync());

        var downAgain = await BashScript.RunAsync("deploy/down.sh", ["--containers"], _environment, DownTimeout);
        Assert.True(downAgain.ExitCode == 0, $"deploy/down.sh a second time failed: {downAgain}");
    }

    /// <summary>Every container, running or not, labelled with one of this cluster's nodes.</summary>
    private async Task<List<string>> ContainersOfClusterAsync()
    {
        var ids = new List<string>();
        foreach (var node in NodeNames) ids.AddRange(await Docker.ContainersOfNodeAsync(node, all: true));
        return ids;
    }

    /// <summary>The first column of kubectl's table output, without the header.</summary>
    private static List<string> FirstColumn(string table) =>
        table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]).ToList();

    /// <summary>Pids up.sh recorded for its programs, and PostgreSQL's postmaster.</summary>
    private Dictionary<string, int> RecordedPids()
    {
        var pids = Directory.GetFiles(Path.Combine(_localDir, "run"), "*.pid").ToDictionary(
            file => Path.GetFileNameWithoutExtension(file),
            file => int.Parse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture));
        var postmaster = File.ReadLines(Path.Combine(_localDir, "pg", "data", "postmaster.pid")).First();
        pids["postgres"] = int.Parse(postmaster, CultureInfo.InvariantCulture);
        return pids;
    }

    /// <summary>A zombie (exited, not yet reaped by init) counts as gone.</summary>
    private static bool IsAlive(int pid)
    {
        var status = $"/proc/{pid}/status";
        return File.Exists(status) && !File.ReadLines(status).Any(line => line.StartsWith("State:", StringComparison.Ordinal) && line.Contains('Z', StringComparison.Ordinal));
    }

    private static async Task<bool> IsListeningAsync(IPAddress address, int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(address, port).WaitAsync(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException)
        {
            return false;
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
