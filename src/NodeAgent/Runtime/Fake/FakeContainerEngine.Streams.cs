using System.Globalization;
using System.Runtime.CompilerServices;

namespace ActorOrchestrator.NodeAgent.Runtime;

public sealed partial class FakeContainerEngine
{
    internal void AppendLog(FakeContainer container, LogStream stream, string text)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            container.Logs.Add(new FakeLogEntry(Time.GetUtcNow(), stream, text));
            if (container.Logs.Count > MaxLogLinesPerContainer)
            {
                var drop = container.Logs.Count - MaxLogLinesPerContainer;
                container.Logs.RemoveRange(0, drop);
                container.LogBase += drop;
            }
            signal = container.LogSignal;
            container.LogSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        signal.TrySetResult();
    }

    internal async IAsyncEnumerable<LogLine> ReadLogs(string id, LogOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long next;
        FakeContainer container;
        lock (_gate)
        {
            container = Get(id);
            var first = options.SinceTime is { } since ? container.Logs.FindIndex(e => e.At >= since) : 0;
            first = first < 0 ? container.Logs.Count : first;
            if (options.TailLines is { } tail)
            {
                first = Math.Max(first, container.Logs.Count - Math.Max(0, tail));
            }
            next = container.LogBase + first;
        }
        while (true)
        {
            FakeLogEntry[] batch;
            Task changed;
            bool ended;
            lock (_gate)
            {
                var start = (int)Math.Max(0, next - container.LogBase);
                batch = [.. container.Logs.Skip(start)];
                next = container.LogBase + container.Logs.Count;
                changed = container.LogSignal.Task;
                ended = container.State == ContainerState.Exited || container.Removed;
            }
            foreach (var entry in batch)
            {
                yield return new LogLine(entry.Stream, entry.Text, options.Timestamps ? Rfc3339Nano(entry.At) : null);
            }
            if (!options.Follow || ended)
            {
                yield break;
            }
            await changed.WaitAsync(cancellationToken);
        }
    }

    internal async Task<ExecResult> ExecAsync(string id, ExecRequest request, CancellationToken cancellationToken)
    {
        FakeProcess process;
        lock (_gate)
        {
            var container = Get(id);
            if (container.State != ContainerState.Running || container.Process is null)
            {
                throw new ContainerRuntimeException(ContainerRuntimeErrorReason.InvalidState, $"exec in {id}: container is not running");
            }
            process = container.Process;
        }
        using var deadline = new CancellationTokenSource(request.Timeout ?? Timeout.InfiniteTimeSpan, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token, process.Killed);
        var exec = new FakeExec(process, request, linked.Token);
        try
        {
            if (ExecHandlerFor(exec) is not { } handler)
            {
                await exec.ErrAsync($"OCI runtime exec failed: exec: \"{request.Command[0]}\": executable file not found in $PATH (no fake exec handler)\n");
                return new ExecResult(126);
            }
            return new ExecResult(await handler(exec).WaitAsync(linked.Token));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            throw new ContainerRuntimeException(ContainerRuntimeErrorReason.Timeout, $"exec {string.Join(' ', request.Command)} in {id} did not finish within {request.Timeout?.TotalSeconds:0.###}s");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && process.Killed.IsCancellationRequested)
        {
            return new ExecResult(137);
        }
    }

    internal string? HttpGet(FakeProcess from, string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }
        FakeNetwork? network;
        lock (_gate)
        {
            network = uri.Host is "localhost" or "127.0.0.1" || uri.Host == from.PodIp
                ? _containers.GetValueOrDefault(from.ContainerId)?.Network
                : _networksByIp.GetValueOrDefault(uri.Host);
        }
        var clientIp = network?.Ip == from.PodIp ? "127.0.0.1" : from.PodIp;
        return network?.Listener(uri.Port)?.Invoke(new FakeHttpRequest(clientIp, uri.PathAndQuery)).Body;
    }

    /// <summary>The host itself (a probe, a port-forward) asking a pod IP; null when nothing listens there.</summary>
    public FakeHttpResponse? HttpGetFromHost(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }
        return NetworkAt(uri.Host)?.Listener(uri.Port)?.Invoke(new FakeHttpRequest(HostIp, uri.PathAndQuery));
    }

    /// <summary>Whether a TCP connection from the host to <paramref name="ip"/>:<paramref name="port"/> would be accepted.</summary>
    public bool IsListening(string ip, int port) => NetworkAt(ip)?.Listener(port) is not null;

    /// <summary>The address the host's requests come from, as the bridge gateway's would.</summary>
    public string HostIp { get; set; } = "10.88.0.1";

    private FakeNetwork? NetworkAt(string ip)
    {
        lock (_gate)
        {
            return _networksByIp.GetValueOrDefault(ip);
        }
    }

    internal sealed record ResolvedVolume(Dictionary<string, string> Files, string RelativePath, bool ReadOnly);

    /// <summary>The pod volume a path falls under (longest mount path wins), or null for the container's own files.</summary>
    internal ResolvedVolume? ResolveVolume(FakeContainer container, string path)
    {
        if (container.Spec is not { } spec)
        {
            return null;
        }
        var mount = spec.VolumeMounts
            .Where(m => path == m.MountPath || path.StartsWith(m.MountPath.TrimEnd('/') + "/", StringComparison.Ordinal))
            .MaxBy(m => m.MountPath.Length);
        if (mount is null)
        {
            return null;
        }
        lock (_gate)
        {
            return new ResolvedVolume(VolumeFiles(container.Node, spec.Pod.Uid, mount.VolumeName), path[mount.MountPath.Length..].TrimStart('/'), mount.ReadOnly);
        }
    }

    /// <summary>The files of a pod's emptyDir volume, created on first use. Call under the lock.</summary>
    private Dictionary<string, string> VolumeFiles(string node, string podUid, string volume)
    {
        if (!_volumes.TryGetValue((node, podUid), out var volumes))
        {
            _volumes[(node, podUid)] = volumes = [];
        }
        if (!volumes.TryGetValue(volume, out var files))
        {
            volumes[volume] = files = [];
        }
        return files;
    }

    /// <summary>Fixed nine fractional digits, as Docker writes them.</summary>
    internal static string Rfc3339Nano(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "00Z";
}
