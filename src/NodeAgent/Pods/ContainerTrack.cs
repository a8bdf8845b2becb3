namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>What a pod worker remembers about one container of the spec across its attempts.</summary>
internal sealed class ContainerTrack(string name, bool isInit)
{
    public string Name { get; } = name;

    public bool IsInit { get; } = isInit;

    /// <summary>The newest attempt; null before the first creation.</summary>
    public ContainerInstance? Current { get; set; }

    /// <summary>The attempt before <see cref="Current"/>, kept for <c>lastState</c> and <c>logs --previous</c>.</summary>
    public ContainerInstance? Previous { get; set; }

    /// <summary>Why no new attempt runs yet (ErrImagePull, CrashLoopBackOff, ...); cleared when one starts.</summary>
    public ContainerWaiting? Waiting { get; set; }

    /// <summary>The highest attempt ever created, so a new one never reuses a Docker name.</summary>
    public int MaxAttempt { get; set; } = -1;

    /// <summary>An init container that completed must run again: its sandbox was re-created.</summary>
    public bool RerunInit { get; set; }

    /// <summary>The instance whose back-off was announced with a BackOff event (one event per window).</summary>
    public string? BackOffAnnouncedFor { get; set; }

    public bool HasRun => MaxAttempt >= 0;

    /// <summary>An init container that finished with exit code 0 and need not run again.</summary>
    public bool Completed => Current is { HasExited: true, ExitCode: 0 } && !RerunInit;

    /// <summary>Makes <paramref name="next"/> current; returns the instance that drops out of memory (to remove).</summary>
    public ContainerInstance? Push(ContainerInstance next)
    {
        var dropped = Previous;
        Previous = Current;
        Current = next;
        MaxAttempt = Math.Max(MaxAttempt, next.Attempt);
        Waiting = null;
        BackOffAnnouncedFor = null;
        RerunInit = false;
        return dropped;
    }
}

/// <summary>A container's <c>state.waiting</c>.</summary>
internal sealed record ContainerWaiting(string Reason, string? Message = null);
