namespace ActorOrchestrator.Gateway.Streaming;

/// <summary>Bounds of the relay: nothing waits on a node agent without a deadline.</summary>
public sealed record PodStreamRelayOptions
{
    /// <summary>TCP connect to the agent.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>From connecting to the agent to its answer to the upgrade (101 or an error).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Once one side has closed, how long the other gets to finish before both are cut.</summary>
    public TimeSpan CloseGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>An agent's error answer larger than this is cut.</summary>
    public int MaxErrorBody { get; init; } = 64 * 1024;
}
