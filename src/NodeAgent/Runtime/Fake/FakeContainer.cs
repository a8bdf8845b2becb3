namespace ActorOrchestrator.NodeAgent.Runtime;

/// <summary>A container inside <see cref="FakeContainerEngine"/>. Guarded by the engine's lock.</summary>
internal sealed class FakeContainer(string id, string name, string image, string node, RuntimeLabels labels, DateTimeOffset createdAt)
{
    public string Id { get; } = id;
    public string Name { get; } = name;
    public string Image { get; } = image;
    public string Node { get; } = node;
    public RuntimeLabels Labels { get; } = labels;
    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>Null for a sandbox.</summary>
    public ContainerSpec? Spec { get; init; }

    /// <summary>The network namespace: its own for a sandbox, the sandbox's for the others.</summary>
    public required FakeNetwork Network { get; init; }

    public ContainerState State { get; set; } = ContainerState.Created;
    public int? ExitCode { get; set; }
    public bool OomKilled { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public bool Removed { get; set; }
    public FakeProcess? Process { get; set; }

    /// <summary>False for a passive process, which exits 0 at once on SIGTERM.</summary>
    public bool HasProgram { get; set; }

    /// <summary>Completed when the container exits (or is removed).</summary>
    public TaskCompletionSource Exited { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<FakeLogEntry> Logs { get; } = [];

    /// <summary>How many entries were dropped from the front of <see cref="Logs"/> (rotation).</summary>
    public long LogBase { get; set; }

    /// <summary>Completed and replaced whenever a line is appended or the container ends, to wake followers.</summary>
    public TaskCompletionSource LogSignal { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

internal readonly record struct FakeLogEntry(DateTimeOffset At, LogStream Stream, string Text);

/// <summary>A sandbox's network namespace: hostname, address, and who listens on which port.</summary>
public sealed class FakeNetwork(string hostname, string ip)
{
    private readonly Dictionary<int, (string Owner, Func<FakeHttpRequest, FakeHttpResponse> Handler)> _listeners = [];

    public string Hostname { get; } = hostname;
    public string Ip { get; } = ip;

    internal void Listen(string owner, int port, Func<FakeHttpRequest, FakeHttpResponse> handler)
    {
        lock (_listeners)
        {
            _listeners[port] = (owner, handler);
        }
    }

    internal void Close(int port)
    {
        lock (_listeners)
        {
            _listeners.Remove(port);
        }
    }

    /// <summary>A process's sockets close when it exits.</summary>
    internal void CloseAll(string owner)
    {
        lock (_listeners)
        {
            foreach (var port in _listeners.Where(l => l.Value.Owner == owner).Select(l => l.Key).ToList())
            {
                _listeners.Remove(port);
            }
        }
    }

    internal Func<FakeHttpRequest, FakeHttpResponse>? Listener(int port)
    {
        lock (_listeners)
        {
            return _listeners.TryGetValue(port, out var listener) ? listener.Handler : null;
        }
    }
}

/// <summary>A request a fake program answers: who asked and for what path.</summary>
public sealed record FakeHttpRequest(string ClientIp, string Path);

/// <summary>A fake program's answer to an HTTP request.</summary>
public sealed record FakeHttpResponse(int StatusCode, string Body)
{
    public static FakeHttpResponse Ok(string body) => new(200, body);
}
