namespace ActorOrchestrator.Grains.Nodes;

/// <summary>How quickly the control plane gives up on a silent node (Kubernetes' node lifecycle controller).</summary>
public sealed class NodeLifecycleOptions
{
    /// <summary>A node whose agent has not been heard from for this long becomes NotReady (Kubernetes: 40 s).</summary>
    public TimeSpan HeartbeatGracePeriod { get; set; } = TimeSpan.FromSeconds(40);

    /// <summary>How often each node's loop looks at its heartbeat and its pods' tolerations.</summary>
    public TimeSpan MonitorPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// <c>tolerationSeconds</c> given to every pod for the not-ready and unreachable taints when it does
    /// not say otherwise (Kubernetes' DefaultTolerationSeconds admission: 300 s).
    /// </summary>
    public long DefaultTolerationSeconds { get; set; } = 300;
}
