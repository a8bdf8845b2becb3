using System.Net.Sockets;
using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgentTests.Runtime;

/// <summary>What only the Docker runtime does: engine settings, host directories, engine failures.</summary>
[Trait("Category", "Docker")]
public sealed class DockerRuntimeTests : IAsyncLifetime
{
    private readonly string _runId = Guid.NewGuid().ToString("N")[..10];
    private readonly string _stateDirectory;
    private readonly DockerContainerRuntime _runtime;
    private readonly PodRef _pod;

    public DockerRuntimeTests()
    {
        _stateDirectory = Path.Combine(Path.GetTempPath(), $"ao-runtime-tests-{_runId}");
        _runtime = DockerTestEngine.CreateRuntime($"docker-{_runId}", _stateDirectory);
        _pod = new PodRef(Guid.NewGuid().ToString(), "docker-tests", $"pod-{_runId}");
    }

    private Dictionary<string, string> Labels => new() { [ContainerRuntimeConformance.TestRunLabel] = _runId };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await DockerTestEngine.RemoveLabelledAsync(ContainerRuntimeConformance.TestRunLabel, _runId);
        _runtime.Dispose();
        if (Directory.Exists(_stateDirectory))
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Containers_join_the_sandbox_with_limits_labels_and_log_rotation()
    {
        var sandbox = await _runtime.CreatePodSandboxAsync(new PodSandboxSpec(_pod, Labels: Labels));
        var id = await _runtime.CreateContainerAsync(new ContainerSpec(_pod, sandbox.Id, "app", ConformanceWorkloads.Kubia, Attempt: 2)
        {
            Limits = ResourceLimits.FromQuantities("250m", "64Mi"),
            RestartCount = 2,
            Labels = Labels,
        });

        var sandboxConfig = await DockerTestEngine.InspectAsync(sandbox.Id);
        var container = await DockerTestEngine.InspectAsync(id);

        Assert.Equal(_pod.Name, sandboxConfig.Config.Hostname);
        Assert.Equal("shareable", sandboxConfig.HostConfig.IpcMode);
        Assert.Equal($"container:{sandbox.Id}", container.HostConfig.NetworkMode);
        Assert.Equal($"container:{sandbox.Id}", container.HostConfig.IpcMode);
        Assert.Equal((250_000_000L, 64L << 20, 64L << 20), (container.HostConfig.NanoCPUs, container.HostConfig.Memory, container.HostConfig.MemorySwap));
        Assert.Equal(("json-file", "10m"), (container.HostConfig.LogConfig.Type, container.HostConfig.LogConfig.Config["max-size"]));
        Assert.Equal($"/ao_docker-{_runId}_docker-tests_{_pod.Name}_app_2", container.Name);
        Assert.Equal(
            [RuntimeLabels.AttemptKey, RuntimeLabels.ContainerKey, RuntimeLabels.NodeKey, RuntimeLabels.PodNameKey, RuntimeLabels.PodNamespaceKey, RuntimeLabels.PodUidKey, RuntimeLabels.RestartCountKey],
            container.Config.Labels.Keys.Where(k => k.StartsWith("io.actororchestrator.", StringComparison.Ordinal) && k != ContainerRuntimeConformance.TestRunLabel).Order());
    }

    [Fact]
    public async Task EmptyDir_is_a_host_directory_under_the_pod_and_goes_with_it()
    {
        var sandbox = await _runtime.CreatePodSandboxAsync(new PodSandboxSpec(_pod, Labels: Labels));
        var id = await _runtime.CreateContainerAsync(new ContainerSpec(_pod, sandbox.Id, "writer", ConformanceWorkloads.Kubia)
        {
            Command = ConformanceWorkloads.Sh,
            Args = ["echo from-container > /cache/note.txt"],
            VolumeMounts = [new VolumeMount("cache", "/cache")],
            Labels = Labels,
        });
        await _runtime.StartContainerAsync(id);
        await Infrastructure.Eventually.WaitForAsync(() => _runtime.InspectContainerAsync(id), s => s.State == ContainerState.Exited, TimeSpan.FromSeconds(30), "writer to exit");
        var podDirectory = Path.Combine(_runtime.PodsRoot, "pods", _pod.Uid);

        Assert.Equal("from-container\n", await File.ReadAllTextAsync(Path.Combine(podDirectory, "volumes", "empty-dir", "cache", "note.txt")));
        Assert.Equal(2, await _runtime.RemovePodAsync(_pod.Uid));
        Assert.False(Directory.Exists(podDirectory));
    }

    [Fact]
    public async Task A_restarted_agent_finds_its_containers_from_labels_alone()
    {
        var sandbox = await _runtime.CreatePodSandboxAsync(new PodSandboxSpec(_pod, Labels: Labels));
        var id = await _runtime.CreateContainerAsync(new ContainerSpec(_pod, sandbox.Id, "app", ConformanceWorkloads.Kubia, Attempt: 4) { Labels = Labels });

        using var restarted = DockerTestEngine.CreateRuntime(_runtime.NodeName, _stateDirectory);
        var found = await restarted.ListContainersAsync(RuntimeLabels.ForPod(_pod.Uid));

        var app = Assert.Single(found, c => !c.Labels.IsSandbox);
        Assert.Equal((id, "app", 4, ContainerState.Created), (app.Id, app.Labels.ContainerName, app.Labels.Attempt, app.State));
        Assert.Equal(sandbox.Id, Assert.Single(found, c => c.Labels.IsSandbox).Id);
    }

    [Fact]
    public async Task An_unreachable_engine_is_EngineUnavailable()
    {
        using var runtime = new DockerContainerRuntime(new DockerRuntimeOptions("nowhere")
        {
            Endpoint = new Uri($"unix://{Path.Combine(Path.GetTempPath(), $"ao-no-engine-{_runId}.sock")}"),
            StateDirectory = _stateDirectory,
        });

        var list = await Assert.ThrowsAsync<ContainerRuntimeException>(() => runtime.ListContainersAsync());
        var image = await Assert.ThrowsAsync<ContainerRuntimeException>(() => runtime.EnsureImageAsync("taodaling/kubia", ImagePullPolicy.IfNotPresent));

        Assert.Equal((ContainerRuntimeErrorReason.EngineUnavailable, ContainerRuntimeErrorReason.EngineUnavailable), (list.Reason, image.Reason));
        Assert.True(list.IsTransient);
    }

    [Fact]
    public async Task An_engine_that_does_not_answer_is_a_Timeout()
    {
        // A socket that accepts connections and never replies: the call can only end by our deadline.
        var path = Path.Combine(Path.GetTempPath(), $"ao-mute-engine-{_runId}.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        try
        {
            using var runtime = new DockerContainerRuntime(new DockerRuntimeOptions("mute")
            {
                Endpoint = new Uri($"unix://{path}"),
                StateDirectory = _stateDirectory,
                OperationTimeout = TimeSpan.FromMilliseconds(500),
            });

            var error = await Assert.ThrowsAsync<ContainerRuntimeException>(() => runtime.InspectContainerAsync("anything").WaitAsync(TimeSpan.FromSeconds(20)));

            Assert.Equal(ContainerRuntimeErrorReason.Timeout, error.Reason);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
