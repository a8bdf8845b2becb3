using ActorOrchestrator.NodeAgent.Pods.Probes;
using ActorOrchestrator.NodeAgent.Runtime;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>What every pod worker of a node shares.</summary>
internal sealed record PodSyncContext(
    IContainerRuntime Runtime,
    IPodReporter Reporter,
    PodManagerOptions Options,
    TimeProvider Time,
    ILogger Logger,
    ActivityTracker Activity,
    IProbeTransport DefaultProbeTransport,
    ContainerRelist Relist);
