using ActorOrchestrator.NodeAgent.Pods;
using ActorOrchestrator.NodeAgent.Pods.Probes;
using ActorOrchestrator.NodeAgent.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.NodeAgent.Node;

/// <summary>
/// One node run by this process: its container runtime, its pods, and its session with the control
/// plane. A normal agent runs one; a hollow-node process (scale tests) runs many on the fake runtime.
/// </summary>
public sealed class NodeInstance(
    AgentOptions options, IContainerRuntime runtime, string runtimeVersion, IGrainFactory grains, TimeProvider time, ILoggerFactory loggers,
    IProbeTransport? probes = null)
    : BackgroundService
{
    public PodManager Pods { get; } = new(runtime, new GrainPodReporter(grains, options.NodeName), PodOptions(options, probes), time, loggers.CreateLogger<PodManager>());

    public string NodeName => options.NodeName;

    public IContainerRuntime Runtime => runtime;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Adopt what is already running before hearing from the control plane: a restarted agent restarts nothing.
        await Pods.StartAsync(stoppingToken);
        var session = new NodeSession(grains, options, Pods, () => runtimeVersion, time, loggers.CreateLogger<NodeSession>());
        await session.RunAsync(stoppingToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Pods.StopAsync();
    }

    private static PodManagerOptions PodOptions(AgentOptions options, IProbeTransport? probes)
    {
        var pods = new PodManagerOptions { HostIp = options.Address, ProbeTransport = probes };
        if (options.BackoffInitial is { } initial) pods = pods with { BackOffInitial = initial, ImagePullBackOffInitial = initial };
        if (options.BackoffMax is { } max) pods = pods with { BackOffMax = max };
        return pods;
    }
}
