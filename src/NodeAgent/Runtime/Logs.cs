namespace ActorOrchestrator.NodeAgent.Runtime;

/// <summary>Kubernetes <c>kubectl logs</c> options.</summary>
/// <param name="TailLines">Only the last N lines (of stdout and stderr together); null for all.</param>
/// <param name="SinceTime">Only lines logged at or after this instant.</param>
/// <param name="Timestamps">Fill <see cref="LogLine.Timestamp"/> (RFC3339 with nanoseconds, UTC).</param>
public sealed record LogOptions(bool Follow = false, int? TailLines = null, DateTimeOffset? SinceTime = null, bool Timestamps = false)
{
    public static readonly LogOptions All = new();
}

public enum LogStream
{
    Stdout,
    Stderr,
}

/// <summary>One line of a container's output, without its line terminator.</summary>
/// <param name="Timestamp">The engine's RFC3339Nano timestamp text when requested, e.g. <c>2024-05-01T10:00:00.123456789Z</c>.</param>
public sealed record LogLine(LogStream Stream, string Text, string? Timestamp = null)
{
    /// <summary>The line as <c>kubectl logs</c> prints it: <c>&lt;timestamp&gt; &lt;text&gt;</c> with timestamps.</summary>
    public override string ToString() => Timestamp is null ? Text : $"{Timestamp} {Text}";
}
