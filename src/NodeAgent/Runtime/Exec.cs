namespace ActorOrchestrator.NodeAgent.Runtime;

/// <summary>
/// A command to run in a container. Like the kubelet's streaming exec, the caller owns the streams:
/// stdin is read to its end (then closed on the process side), output is written as it arrives.
/// </summary>
/// <param name="Stdin">Null: the process gets no stdin.</param>
/// <param name="Stdout">Null: output is discarded.</param>
/// <param name="Stderr">Null: discarded. With <paramref name="Tty"/> everything goes to stdout.</param>
/// <param name="Timeout">For exec probes: when it elapses the call fails with <see cref="ContainerRuntimeErrorReason.Timeout"/>.</param>
public sealed record ExecRequest(
    IReadOnlyList<string> Command,
    Stream? Stdin = null,
    Stream? Stdout = null,
    Stream? Stderr = null,
    bool Tty = false,
    TimeSpan? Timeout = null)
{
    /// <summary>With <see cref="Tty"/>: terminal sizes to apply as they arrive (the first is the initial size). Null: none.</summary>
    public IAsyncEnumerable<TerminalSize>? TerminalSizes { get; init; }
}

/// <summary>A terminal's size in character cells, as kubectl sends it on the resize stream.</summary>
public sealed record TerminalSize(ushort Width, ushort Height);

public sealed record ExecResult(int ExitCode);
