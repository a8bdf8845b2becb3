using System.Text.Json.Nodes;
using ActorOrchestrator.NodeAgent.Runtime;
using ActorOrchestrator.NodeAgent.Streaming;
using ActorOrchestrator.NodeAgentTests.Infrastructure;
using ActorOrchestrator.NodeAgentTests.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.NodeAgentTests.Streaming;

/// <summary>
/// One real pod (sandbox + kubia container, straight through <see cref="DockerContainerRuntime"/>),
/// an <see cref="AgentApiServer"/> serving it on loopback, a fake API server relaying to it, and a
/// kubectl pointed at that. No control plane. Everything is removed afterwards, pass or fail.
/// </summary>
public sealed class KubiaPodFixture : IAsyncLifetime
{
    public const string PodName = "kubia";
    public const string Namespace = "default";

    private readonly string _runId = Guid.NewGuid().ToString("N")[..10];
    private readonly string _stateDirectory;
    private WebApplication? _agentHost;

    public KubiaPodFixture()
    {
        _stateDirectory = Path.Combine(Path.GetTempPath(), $"ao-streaming-tests-{_runId}");
        Runtime = DockerTestEngine.CreateRuntime($"streaming-{_runId}", _stateDirectory);
    }

    public DockerContainerRuntime Runtime { get; }

    public string ContainerId { get; private set; } = "";

    public string PodIp { get; private set; } = "";

    public AgentApiServer Agent { get; private set; } = null!;

    public FakeApiServer ApiServer { get; private set; } = null!;

    public KubectlRunner Kubectl { get; private set; } = null!;

    /// <summary>What the agent and the fake API server logged: shown when a test fails.</summary>
    public CollectingLoggerProvider Logs { get; } = new();

    public async Task InitializeAsync()
    {
        var labels = new Dictionary<string, string> { [ContainerRuntimeConformance.TestRunLabel] = _runId };
        var pod = new PodRef(Guid.NewGuid().ToString(), Namespace, PodName);
        var sandbox = await Runtime.CreatePodSandboxAsync(new PodSandboxSpec(pod, Labels: labels));
        ContainerId = await Runtime.CreateContainerAsync(new ContainerSpec(pod, sandbox.Id, "kubia", ConformanceWorkloads.Kubia) { Labels = labels });
        await Runtime.StartContainerAsync(ContainerId);
        PodIp = sandbox.PodIp;
        await Eventually.WaitForAsync(ReadLogsAsync, logs => logs.Contains("Kubia server starting..."), TimeSpan.FromSeconds(30), "kubia to start");

        var loggers = LoggerFactory.Create(b => b.AddProvider(Logs));
        Agent = new AgentApiServer(new OnePodLocator(ContainerId, PodIp), Runtime, loggerFactory: loggers);
        _agentHost = AgentApiServer.BuildHost(Agent, "http://127.0.0.1:0", loggers);
        await _agentHost.StartAsync();
        var agentPort = new Uri(_agentHost.Urls.First()).Port;
        ApiServer = await FakeApiServer.StartAsync(PodObject(pod), NodeObject(agentPort), Logs);
        Kubectl = new KubectlRunner(ApiServer.Url);
    }

    public async Task DisposeAsync()
    {
        Kubectl?.Dispose();
        if (ApiServer is not null) await ApiServer.DisposeAsync();
        if (_agentHost is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _agentHost.StopAsync(stop.Token);
            await _agentHost.DisposeAsync();
        }
        await DockerTestEngine.RemoveLabelledAsync(ContainerRuntimeConformance.TestRunLabel, _runId);
        Runtime.Dispose();
        if (Directory.Exists(_stateDirectory)) Directory.Delete(_stateDirectory, recursive: true);
    }

    /// <summary>Runs a command in the container directly (test setup, not under test).</summary>
    public async Task<string> ExecAsync(params string[] command)
    {
        using var output = new MemoryStream();
        var result = await Runtime.ExecAsync(ContainerId, new ExecRequest(command, Stdout: output, Stderr: output, Timeout: TimeSpan.FromSeconds(60)));
        var text = System.Text.Encoding.UTF8.GetString(output.ToArray());
        if (result.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', command)} exited {result.ExitCode}: {text}");
        return text;
    }

    private async Task<string> ReadLogsAsync()
    {
        var lines = new List<string>();
        await foreach (var line in Runtime.GetLogsAsync(ContainerId, LogOptions.All)) lines.Add(line.Text);
        return string.Join('\n', lines);
    }

    private static JsonObject PodObject(PodRef pod) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = pod.Name, ["namespace"] = pod.Namespace, ["uid"] = pod.Uid, ["resourceVersion"] = "1", ["creationTimestamp"] = "2024-01-01T00:00:00Z" },
        ["spec"] = new JsonObject
        {
            ["nodeName"] = "node-1",
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "kubia", ["image"] = ConformanceWorkloads.Kubia, ["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 8080 }) }),
        },
        ["status"] = new JsonObject
        {
            ["phase"] = "Running",
            ["containerStatuses"] = new JsonArray(new JsonObject { ["name"] = "kubia", ["ready"] = true, ["restartCount"] = 0, ["image"] = ConformanceWorkloads.Kubia, ["imageID"] = "", ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = "2024-01-01T00:00:00Z" } } }),
        },
    };

    private static JsonObject NodeObject(int agentPort) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Node",
        ["metadata"] = new JsonObject { ["name"] = "node-1" },
        ["status"] = new JsonObject
        {
            ["addresses"] = new JsonArray(new JsonObject { ["type"] = "Hostname", ["address"] = "node-1" }, new JsonObject { ["type"] = "InternalIP", ["address"] = "127.0.0.1" }),
            ["daemonEndpoints"] = new JsonObject { ["kubeletEndpoint"] = new JsonObject { ["Port"] = agentPort } },
        },
    };

    /// <summary>The test's stand-in for the pod lifecycle: knows exactly one pod with one container.</summary>
    private sealed class OnePodLocator(string containerId, string podIp) : IContainerLocator
    {
        public ContainerLocation? Find(string ns, string pod, string? container, bool previous) =>
            ns == Namespace && pod == PodName && container is null or "kubia" && !previous ? new ContainerLocation(containerId, "kubia", true) : null;

        public string? PodIp(string ns, string pod) => ns == Namespace && pod == PodName ? podIp : null;
    }
}
