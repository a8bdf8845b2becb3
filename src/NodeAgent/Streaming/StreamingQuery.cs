using Microsoft.AspNetCore.Http;

namespace ActorOrchestrator.NodeAgent.Streaming;

/// <summary>Reads kubelet-style query parameters: booleans as Kubernetes writes them, repeated values, numbers.</summary>
internal static class StreamingQuery
{
    public static bool Flag(IQueryCollection query, string name, bool defaultValue = false)
    {
        var value = query[name].LastOrDefault();
        if (string.IsNullOrEmpty(value)) return defaultValue;
        return value is "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase);
    }

    public static long? Number(IQueryCollection query, string name) =>
        long.TryParse(query[name].LastOrDefault(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    public static string? Text(IQueryCollection query, string name) => query[name].LastOrDefault() is { Length: > 0 } v ? v : null;
}

/// <summary>What an exec or attach request asks for (kubelet's <c>PodExecOptions</c>).</summary>
public sealed record ExecOptions(IReadOnlyList<string> Command, bool Stdin, bool Stdout, bool Stderr, bool Tty)
{
    public static ExecOptions From(IQueryCollection query)
    {
        var tty = StreamingQuery.Flag(query, "tty");
        return new(
            [.. query["command"].Where(c => c is not null).Select(c => c!)],
            StreamingQuery.Flag(query, "stdin"),
            StreamingQuery.Flag(query, "stdout"),
            // With a TTY the terminal merges stderr into stdout; kubectl asks for no stderr then.
            StreamingQuery.Flag(query, "stderr") && !tty,
            tty);
    }

    /// <summary>At least one stream is needed, as the kubelet insists.</summary>
    public bool HasStreams => Stdin || Stdout || Stderr;
}
