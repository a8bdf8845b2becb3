using System.Runtime.CompilerServices;

namespace ActorOrchestrator.NodeAgent.Runtime;

/// <summary>
/// <see cref="IContainerRuntime"/> for one simulated node on a <see cref="FakeContainerEngine"/>:
/// applies the engine's latencies and failures and records every call.
/// </summary>
public sealed class FakeContainerRuntime : IContainerRuntime
{
    private readonly List<FakeRuntimeCall> _calls = [];

    public FakeContainerRuntime(FakeContainerEngine engine, string nodeName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeName);
        Engine = engine;
        NodeName = nodeName;
    }

    /// <summary>A node with an engine of its own.</summary>
    public FakeContainerRuntime(string nodeName, TimeProvider? time = null)
        : this(new FakeContainerEngine(time), nodeName)
    {
    }

    public FakeContainerEngine Engine { get; }

    public string NodeName { get; }

    public string PauseImage { get; init; } = "actororchestrator/pause";

    /// <summary>Off for hollow nodes that make millions of calls and never look at them.</summary>
    public bool RecordCalls { get; set; } = true;

    public IReadOnlyList<FakeRuntimeCall> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public async Task<ImageResult> EnsureImageAsync(string image, ImagePullPolicy pullPolicy, CancellationToken cancellationToken = default)
    {
        await EnterAsync("EnsureImage", image, pullPolicy == ImagePullPolicy.Never ? TimeSpan.Zero : Engine.Latencies.Pull, cancellationToken);
        return Engine.EnsureImage(image, pullPolicy);
    }

    public async Task<PodSandbox> CreatePodSandboxAsync(PodSandboxSpec spec, CancellationToken cancellationToken = default)
    {
        await EnterAsync("CreatePodSandbox", spec.Pod.ToString(), Engine.Latencies.CreateSandbox, cancellationToken);
        return Engine.CreateSandbox(NodeName, spec, PauseImage);
    }

    public async Task<string> CreateContainerAsync(ContainerSpec spec, CancellationToken cancellationToken = default)
    {
        await EnterAsync("CreateContainer", $"{spec.Pod}/{spec.Name}#{spec.Attempt}", Engine.Latencies.Create, cancellationToken);
        return Engine.Create(NodeName, spec);
    }

    public async Task StartContainerAsync(string containerId, CancellationToken cancellationToken = default)
    {
        await EnterAsync("StartContainer", containerId, Engine.Latencies.Start, cancellationToken);
        Engine.Start(containerId);
    }

    public async Task StopContainerAsync(string containerId, TimeSpan gracePeriod, CancellationToken cancellationToken = default)
    {
        await EnterAsync("StopContainer", containerId, Engine.Latencies.Stop, cancellationToken);
        await Engine.StopAsync(containerId, gracePeriod, cancellationToken);
    }

    public async Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken = default)
    {
        await EnterAsync("RemoveContainer", containerId, Engine.Latencies.Remove, cancellationToken);
        Engine.Remove(containerId);
    }

    public async Task<int> RemovePodAsync(string podUid, CancellationToken cancellationToken = default)
    {
        await EnterAsync("RemovePod", podUid, Engine.Latencies.Remove, cancellationToken);
        return Engine.RemovePod(NodeName, podUid);
    }

    public async Task<ContainerStatus> InspectContainerAsync(string containerId, CancellationToken cancellationToken = default)
    {
        await EnterAsync("InspectContainer", containerId, Engine.Latencies.Inspect, cancellationToken);
        return Engine.Inspect(containerId);
    }

    public async Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(
        IReadOnlyDictionary<string, string>? labelFilter = null, CancellationToken cancellationToken = default)
    {
        await EnterAsync("ListContainers", labelFilter is null ? "" : string.Join(",", labelFilter.Select(l => $"{l.Key}={l.Value}")), Engine.Latencies.List, cancellationToken);
        return Engine.List(NodeName, labelFilter);
    }

    public async IAsyncEnumerable<LogLine> GetLogsAsync(string containerId, LogOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnterAsync("GetLogs", containerId, Engine.Latencies.Logs, cancellationToken);
        await foreach (var line in Engine.ReadLogs(containerId, options, cancellationToken))
        {
            yield return line;
        }
    }

    public async Task<ExecResult> ExecAsync(string containerId, ExecRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Command.Count == 0)
        {
            throw new ArgumentException("exec needs a command", nameof(request));
        }
        await EnterAsync("Exec", $"{containerId}: {string.Join(' ', request.Command)}", Engine.Latencies.Exec, cancellationToken);
        return await Engine.ExecAsync(containerId, request, cancellationToken);
    }

    private Task EnterAsync(string operation, string target, TimeSpan latency, CancellationToken cancellationToken)
    {
        if (RecordCalls)
        {
            lock (_calls)
            {
                _calls.Add(new FakeRuntimeCall(operation, target, Engine.Time.GetUtcNow()));
            }
        }
        return Engine.SimulateAsync(latency, operation, target, cancellationToken);
    }
}
