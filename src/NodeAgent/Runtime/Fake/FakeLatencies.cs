namespace ActorOrchestrator.NodeAgent.Runtime;

/// <summary>How long each simulated engine call takes (on the engine's <see cref="TimeProvider"/>); zero costs nothing.</summary>
public sealed record FakeLatencies
{
    public static readonly FakeLatencies None = new();

    public TimeSpan Pull { get; init; }
    public TimeSpan CreateSandbox { get; init; }
    public TimeSpan Create { get; init; }
    public TimeSpan Start { get; init; }
    public TimeSpan Stop { get; init; }
    public TimeSpan Remove { get; init; }
    public TimeSpan Inspect { get; init; }
    public TimeSpan List { get; init; }
    public TimeSpan Logs { get; init; }
    public TimeSpan Exec { get; init; }

    public static FakeLatencies Uniform(TimeSpan latency) => new()
    {
        Pull = latency,
        CreateSandbox = latency,
        Create = latency,
        Start = latency,
        Stop = latency,
        Remove = latency,
        Inspect = latency,
        List = latency,
        Logs = latency,
        Exec = latency,
    };
}

/// <summary>One call made to a <see cref="FakeContainerRuntime"/>, for assertions.</summary>
public sealed record FakeRuntimeCall(string Operation, string Target, DateTimeOffset At);
