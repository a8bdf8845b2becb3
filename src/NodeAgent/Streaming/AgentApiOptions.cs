namespace ActorOrchestrator.NodeAgent.Streaming;

/// <summary>Bounds of the agent's streaming endpoints.</summary>
public sealed record AgentApiOptions
{
    /// <summary>How long a client has to open the streams it announced (exec) or the second stream of a pair (port-forward); the kubelet's 30 s.</summary>
    public TimeSpan StreamCreationTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Connecting to a pod's port for port-forward.</summary>
    public TimeSpan PodConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>After an exec ends, how long the client gets to read the status and close before the agent closes.</summary>
    public TimeSpan CloseGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>WebSocket keep-alive from the agent's side (kubectl pings every 5 s on its own).</summary>
    public TimeSpan WebSocketKeepAlive { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>Live counts, for tests and metrics: what is open right now.</summary>
public sealed class AgentStreamingStats
{
    private int _sessions;
    private int _portForwardConnections;

    /// <summary>Upgraded connections (exec, port-forward) being served.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>TCP connections to pods opened for port-forward and not yet closed.</summary>
    public int PortForwardConnections => Volatile.Read(ref _portForwardConnections);

    internal IDisposable Session() => new Counter(() => Interlocked.Increment(ref _sessions), () => Interlocked.Decrement(ref _sessions));

    internal IDisposable PortForwardConnection() =>
        new Counter(() => Interlocked.Increment(ref _portForwardConnections), () => Interlocked.Decrement(ref _portForwardConnections));

    private sealed class Counter : IDisposable
    {
        private readonly Action _down;
        private int _disposed;

        public Counter(Action up, Action down)
        {
            _down = down;
            up();
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) _down();
        }
    }

    public override string ToString() => $"sessions={Sessions} port-forward connections={PortForwardConnections}";
}
