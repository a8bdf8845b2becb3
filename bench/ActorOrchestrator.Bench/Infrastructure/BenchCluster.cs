using System.Globalization;
using k8s;

namespace ActorOrchestrator.Bench.Infrastructure;

/// <summary>
/// A cluster of the benchmark's own, brought up with <c>deploy/up.sh</c> exactly as a developer does, but in a
/// temporary <c>AO_LOCAL_DIR</c> (its own PostgreSQL data, logs and pid files) on free ports, with node names
/// of its own so that no other cluster's agent on the same Docker engine touches its containers.
/// Disposing runs <c>deploy/down.sh --containers</c> and removes the directory.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private static readonly TimeSpan UpTimeout = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan DownTimeout = TimeSpan.FromMinutes(5);
    private readonly string _root;
    private readonly Dictionary<string, string> _environment;
    private bool _disposed;

    private BenchCluster(string root, string id, int nodes, int hollowNodes)
    {
        HollowNodes = hollowNodes;
        _root = root;
        LocalDir = Directory.CreateTempSubdirectory("ao-bench-").FullName;
        GatewayPort = FreePorts.Next();
        var prefix = $"bench-{id}-node";
        NodeNames = [.. Enumerable.Range(1, nodes).Select(i => prefix + i.ToString(CultureInfo.InvariantCulture))];
        _environment = new Dictionary<string, string>
        {
            ["AO_LOCAL_DIR"] = LocalDir,
            ["AO_PG_PORT"] = Text(FreePorts.Next()),
            ["AO_SILO_PORT_BASE"] = Text(FreePorts.Next()),
            ["AO_SILO_GATEWAY_PORT_BASE"] = Text(FreePorts.Next()),
            ["AO_SILO_HTTP_PORT_BASE"] = Text(FreePorts.Next()),
            ["AO_NODE_PORT_BASE"] = Text(FreePorts.Next()),
            ["AO_NODE_NAME_PREFIX"] = prefix,
            ["AO_CLUSTER_ID"] = $"bench-{id}",
            ["AO_BUILD_CONFIGURATION"] = "Release",
            ["AO_UP_TIMEOUT"] = "300",
        };
        Nodes = nodes;
    }

    public string LocalDir { get; }

    public string LogDir => Path.Combine(LocalDir, "logs");

    /// <summary>up.sh's and down.sh's own output.</summary>
    public string ScriptLog => Path.Combine(LocalDir, "bench-scripts.log");

    public int GatewayPort { get; }

    public string GatewayUrl => $"http://127.0.0.1:{GatewayPort}";

    public int Nodes { get; }

    /// <summary>Hollow nodes (up.sh --hollow-nodes) in one more agent process, node0.</summary>
    public int HollowNodes { get; }

    /// <summary>The cluster's own database, for size and write statistics.</summary>
    public string DatabaseConnectionString => $"Host=127.0.0.1;Port={_environment["AO_PG_PORT"]};Database=actororchestrator;Username=postgres";

    public IReadOnlyList<string> NodeNames { get; }

    /// <summary>Runs <c>deploy/up.sh --nodes N</c>; returns once every node is Ready (up.sh waits for that).</summary>
    public static async Task<BenchCluster> StartAsync(string root, string id, int nodes, Action<string> onLine, CancellationToken cancellationToken,
        int hollowNodes = 0, IReadOnlyDictionary<string, string>? environment = null)
    {
        var cluster = new BenchCluster(root, id, nodes, hollowNodes);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) cluster._environment[key] = value;
        try
        {
            var code = await Script.RunAsync(root, "deploy/up.sh",
                ["--port", Text(cluster.GatewayPort), "--nodes", Text(nodes), .. hollowNodes > 0 ? ["--hollow-nodes", Text(hollowNodes)] : Array.Empty<string>()],
                cluster._environment, cluster.ScriptLog, UpTimeout, onLine, cancellationToken);
            if (code != 0)
            {
                throw new InvalidOperationException($"deploy/up.sh failed (exit {code}); its output is in {cluster.ScriptLog}, the programs' logs in {cluster.LogDir}");
            }
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public Kubernetes Client() => new(new KubernetesClientConfiguration { Host = GatewayUrl });

    /// <summary>Where node agent <paramref name="index"/> (1-based) serves its agent API and <c>/metrics</c> (as up.sh places it).</summary>
    public Uri NodeAgentUrl(int index) =>
        new($"http://127.0.0.{1 + index}:{int.Parse(_environment["AO_NODE_PORT_BASE"], CultureInfo.InvariantCulture) + index}/");

    /// <summary>
    /// The cluster's programs by name (silo0, gateway0, node1, ...: up.sh's pid files), its PostgreSQL
    /// postmaster as <c>postgres</c>, and the Docker engine's <c>dockerd</c> and <c>containerd</c>.
    /// </summary>
    public IReadOnlyDictionary<string, int> ProcessIds()
    {
        var pids = new Dictionary<string, int>(StringComparer.Ordinal);
        var run = Path.Combine(LocalDir, "run");
        foreach (var file in Directory.Exists(run) ? Directory.GetFiles(run, "*.pid") : [])
        {
            if (int.TryParse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture, out var pid)) pids[Path.GetFileNameWithoutExtension(file)] = pid;
        }
        var postmaster = Path.Combine(LocalDir, "pg", "data", "postmaster.pid");
        if (File.Exists(postmaster) && int.TryParse(File.ReadLines(postmaster).FirstOrDefault(), CultureInfo.InvariantCulture, out var pg)) pids["postgres"] = pg;
        foreach (var engine in new[] { "dockerd", "containerd" })
        {
            if (ProcessByName(engine) is { } pid) pids[engine] = pid;
        }
        return pids;
    }

    private static int? ProcessByName(string name)
    {
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "comm")).Trim() == name) return pid;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Exited while we looked.
            }
        }
        return null;
    }

    /// <summary>The programs up.sh started that no longer run (as up.sh itself judges a pid file: the pid is alive).</summary>
    public IReadOnlyList<string> ExitedPrograms()
    {
        var run = Path.Combine(LocalDir, "run");
        return Directory.Exists(run)
            ? [.. Directory.GetFiles(run, "*.pid")
                .Where(file => !int.TryParse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture, out var pid) || !Directory.Exists($"/proc/{pid}"))
                .Select(Path.GetFileNameWithoutExtension).OfType<string>()]
            : [];
    }

    /// <summary>Copies the programs' logs (and the scripts' output) somewhere that outlives the cluster.</summary>
    public void CopyLogsTo(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var file in Directory.Exists(LogDir) ? Directory.GetFiles(LogDir) : [])
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)), overwrite: true);
        }
        if (File.Exists(ScriptLog)) File.Copy(ScriptLog, Path.Combine(directory, Path.GetFileName(ScriptLog)), overwrite: true);
    }

    /// <summary>Stops everything and removes every container of the cluster's nodes, even after a cancelled run.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            var code = await Script.RunAsync(_root, "deploy/down.sh", ["--containers"], _environment, ScriptLog, DownTimeout);
            if (code != 0) Console.Error.WriteLine($"deploy/down.sh --containers failed (exit {code}); see {ScriptLog}");
        }
        finally
        {
            try
            {
                Directory.Delete(LocalDir, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"could not remove {LocalDir}: {e.Message}");
            }
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
