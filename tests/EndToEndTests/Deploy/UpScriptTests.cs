using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ActorOrchestrator.EndToEndTests.Infrastructure;

namespace ActorOrchestrator.EndToEndTests.Deploy;

/// <summary>
/// <c>deploy/up.sh</c> and <c>deploy/down.sh</c> as a newcomer runs them, on a cluster of their own beside
/// any other on this machine: its own local directory (so its own PostgreSQL data, logs and pid files),
/// PostgreSQL port, Gateway port and silo ports.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class UpScriptTests : IAsyncLifetime
{
    // The first run may initialise PostgreSQL, build images and compile; the later ones find it all done.
    private static readonly TimeSpan FirstUpTimeout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan UpAgainTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan DownTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(15);

    private readonly string _localDir = Directory.CreateTempSubdirectory("ao-up-").FullName;
    private readonly int _gatewayPort = FreePorts.Next();
    private readonly int _pgPort = FreePorts.Next();
    private readonly int _siloPort = FreePorts.Next();
    private readonly int _siloGatewayPort = FreePorts.Next();
    private readonly int _siloHttpPort = FreePorts.Next();
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
            // The programs this test run was built with: up.sh then finds them current instead of compiling a
            // second (Release) copy of everything on a 2-core machine.
            ["AO_BUILD_CONFIGURATION"] = RepositoryPaths.Configuration,
            ["AO_UP_TIMEOUT"] = "180",
        };
    }

    private string Kubeconfig => Path.Combine(_localDir, "kubeconfig");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Whatever failed above, leave no process or PostgreSQL server behind.
        try
        {
            await BashScript.RunAsync("deploy/down.sh", [], _environment, DownTimeout);
        }
        finally
        {
            Directory.Delete(_localDir, recursive: true);
        }
    }

    [Fact]
    public async Task UpServesKubectlRunningItAgainChangesNothingAndDownStopsEverything()
    {
        var up = await BashScript.RunAsync("deploy/up.sh", ["--port", Text(_gatewayPort)], _environment, FirstUpTimeout);
        Assert.True(up.ExitCode == 0, $"deploy/up.sh failed: {up}");
        Assert.Contains($"export KUBECONFIG={Kubeconfig}; kubectl get ns", up.Output);
        Assert.True(File.Exists(Path.Combine(_localDir, "pg", "data", "PG_VERSION")), "PostgreSQL should have its data under AO_LOCAL_DIR");

        var namespaces = (await Kubectl.WithKubeconfig(Kubeconfig).RunAsync("get", "ns")).EnsureSuccess().Output;
        var names = namespaces.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]).ToList();
        foreach (var name in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            Assert.True(names.Contains(name), $"kubectl get ns should list {name}:\n{namespaces}");
        }

        var pids = RecordedPids();
        Assert.Equal(["gateway0", "postgres", "silo0"], pids.Keys.Order());
        Assert.All(pids, p => Assert.True(IsAlive(p.Value), $"{p.Key} (pid {p.Value}) should run"));
        var kubeconfig = await File.ReadAllTextAsync(Kubeconfig);

        var again = await BashScript.RunAsync("deploy/up.sh", ["--port", Text(_gatewayPort)], _environment, UpAgainTimeout);
        Assert.True(again.ExitCode == 0, $"deploy/up.sh a second time failed: {again}");
        Assert.Contains("silo0 already running", again.Output);
        Assert.Contains("gateway0 already running", again.Output);
        Assert.Equal(pids, RecordedPids());
        Assert.Equal(kubeconfig, await File.ReadAllTextAsync(Kubeconfig));

        var down = await BashScript.RunAsync("deploy/down.sh", [], _environment, DownTimeout);
        Assert.True(down.ExitCode == 0, $"deploy/down.sh failed: {down}");
        foreach (var (name, pid) in pids)
        {
            await Eventually.WaitForAsync(() => Task.FromResult(!IsAlive(pid)), SettleTimeout, $"{name} (pid {pid}) to be gone");
        }
        Assert.Empty(Directory.GetFiles(Path.Combine(_localDir, "run"), "*.pid"));
        foreach (var port in new[] { _gatewayPort, _pgPort, _siloPort, _siloGatewayPort, _siloHttpPort })
        {
            await Eventually.WaitForAsync(async () => !await IsListeningAsync(port), SettleTimeout, $"127.0.0.1:{port} to be closed");
        }

        var downAgain = await BashScript.RunAsync("deploy/down.sh", [], _environment, DownTimeout);
        Assert.True(downAgain.ExitCode == 0, $"deploy/down.sh a second time failed: {downAgain}");
    }

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

    private static async Task<bool> IsListeningAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException)
        {
            return false;
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
