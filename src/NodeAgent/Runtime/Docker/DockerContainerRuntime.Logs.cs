using System.Globalization;
using System.Runtime.CompilerServices;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ActorOrchestrator.NodeAgent.Runtime;

public sealed partial class DockerContainerRuntime
{
    public async IAsyncEnumerable<LogLine> GetLogsAsync(string containerId, LogOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var parameters = new ContainerLogsParameters
        {
            ShowStdout = true,
            ShowStderr = true,
            Follow = options.Follow,
            Timestamps = options.Timestamps,
            Tail = options.TailLines is { } tail ? Math.Max(0, tail).ToString(CultureInfo.InvariantCulture) : "all",
            Since = options.SinceTime is { } since ? UnixSeconds(since) : null,
        };
        // Opening is bounded like any call; reading a followed stream is bounded by the caller's token
        // only (it ends when the container stops), reading a finished log by the operation timeout.
        using var stream = await CallAsync("logs", containerId, token => _client.Containers.GetContainerLogsAsync(containerId, false, parameters, token), cancellationToken);
        using var deadline = options.Follow ? new CancellationTokenSource() : new CancellationTokenSource(_options.OperationTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);

        var stdout = new LineSplitter();
        var stderr = new LineSplitter();
        var lines = new List<string>();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await ReadLogChunkAsync(stream, buffer, containerId, deadline, linked.Token, cancellationToken);
            if (read.EOF)
            {
                break;
            }
            var logStream = read.Target == MultiplexedStream.TargetStream.StandardError ? LogStream.Stderr : LogStream.Stdout;
            (logStream == LogStream.Stderr ? stderr : stdout).Push(buffer.AsSpan(0, read.Count), lines);
            foreach (var line in lines)
            {
                yield return ToLogLine(logStream, line, options.Timestamps);
            }
            lines.Clear();
        }
        if (stdout.Flush() is { } lastOut)
        {
            yield return ToLogLine(LogStream.Stdout, lastOut, options.Timestamps);
        }
        if (stderr.Flush() is { } lastErr)
        {
            yield return ToLogLine(LogStream.Stderr, lastErr, options.Timestamps);
        }
    }

    private async Task<MultiplexedStream.ReadResult> ReadLogChunkAsync(
        MultiplexedStream stream, byte[] buffer, string containerId, CancellationTokenSource deadline, CancellationToken token, CancellationToken cancellationToken)
    {
        try
        {
            return await stream.ReadOutputAsync(buffer, 0, buffer.Length, token);
        }
        catch (Exception error) when (error is not ContainerRuntimeException)
        {
            throw Translate(error, "read logs", containerId, _options.OperationTimeout, deadline, cancellationToken);
        }
    }

    private static LogLine ToLogLine(LogStream stream, string line, bool timestamps)
    {
        if (!timestamps)
        {
            return new LogLine(stream, line);
        }
        // Docker prefixes each line with its RFC3339Nano time and one space, as Kubernetes prints it.
        var space = line.IndexOf(' ');
        return space < 0 ? new LogLine(stream, "", line) : new LogLine(stream, line[(space + 1)..], line[..space]);
    }

    /// <summary>Docker's <c>since</c>: Unix seconds with a nanosecond fraction.</summary>
    internal static string UnixSeconds(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var remainder);
        return string.Create(CultureInfo.InvariantCulture, $"{seconds}.{remainder * 100:D9}");
    }
}
