using ActorOrchestrator.NodeAgent.Pods.Probes;
using ActorOrchestrator.NodeAgent.Runtime;
using ActorOrchestrator.NodeAgent.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.NodeAgent.Node;

/// <summary>
/// The nodes this process runs: one for a real agent, or with <c>--hollow-nodes N</c> that many hollow
/// nodes (kubemark's hollow kubelets): the same node code (registration, heartbeats, pod workers, status
/// reports) on one shared fake engine, so a single process stands in for a large cluster's nodes. They
/// share the process's connection to the control plane and its agent API, which finds a pod on
/// whichever node runs it.
/// </summary>
public sealed class NodeFleet : IHostedService, IContainerLocator
{
    private NodeFleet(IReadOnlyList<NodeInstance> nodes) => Nodes = nodes;

    public IReadOnlyList<NodeInstance> Nodes { get; }

    /// <summary>For the agent API's logs and exec, which name containers by id: hollow nodes share one engine.</summary>
    public IContainerRuntime Runtime => Nodes[0].Runtime;

    public static NodeFleet Create(AgentOptions options, IServiceProvider services)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var grains = services.GetRequiredService<IGrainFactory>();
        var loggers = services.GetRequiredService<ILoggerFactory>();
        if (options.HollowNodes <= 0)
        {
            var (runtime, version) = NodeRuntime.Create(options, services);
            var probes = runtime is FakeContainerRuntime fake ? new FakeProbeTransport(fake.Engine) : null;
            return new NodeFleet([new NodeInstance(options, runtime, version, grains, time, loggers, probes)]);
        }
        if (options.Runtime != "fake")
        {
            throw new InvalidOperationException("--hollow-nodes runs nodes on the fake runtime: add --runtime fake");
        }
        var engine = NodeRuntime.FakeEngine(options, time);
        var transport = new FakeProbeTransport(engine);
        return new NodeFleet([.. Enumerable.Range(1, options.HollowNodes).Select(i =>
        {
            var node = options with { NodeName = $"{options.NodeName}-{i}" };
            // Recording every call is for tests; a hollow node runs for hours.
            var runtime = new FakeContainerRuntime(engine, node.NodeName) { RecordCalls = false };
            return new NodeInstance(node, runtime, NodeRuntime.FakeVersion, grains, time, loggers, transport);
        })]);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.WhenAll(Nodes.Select(n => n.StartAsync(cancellationToken)));

    public Task StopAsync(CancellationToken cancellationToken) => Task.WhenAll(Nodes.Select(n => n.StopAsync(cancellationToken)));

    public ContainerLocation? Find(string ns, string pod, string? container, bool previous) =>
        Nodes.Select(n => n.Pods.Find(ns, pod, container, previous)).FirstOrDefault(found => found is not null);

    public string? PodIp(string ns, string pod) =>
        Nodes.Select(n => n.Pods.PodIp(ns, pod)).FirstOrDefault(ip => ip is not null);
}
