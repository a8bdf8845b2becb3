using System.Diagnostics.CodeAnalysis;

namespace ActorOrchestrator.NodeAgent.Runtime;

/// <summary>A program scripted for the fake engine: returns its exit code.</summary>
public delegate Task<int> FakeProgram(FakeProcess process);

/// <summary>
/// What a <see cref="FakeProgram"/> sees of its container: the spec as the runtime received it, the
/// pod's network and volumes, signals, and a clock. Deliberately tiny, so thousands stay cheap.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "Its token sources have no timers; they die with the container.")]
public sealed class FakeProcess
{
    private readonly FakeContainerEngine _engine;
    private readonly FakeContainer _container;
    private readonly CancellationTokenSource _terminating = new();
    private readonly CancellationTokenSource _killed = new();
    private readonly Dictionary<string, string> _privateFiles = [];
    private long _allocated;

    internal FakeProcess(FakeContainerEngine engine, FakeContainer container)
    {
        _engine = engine;
        _container = container;
        var spec = container.Spec;
        Env = spec is null ? new Dictionary<string, string>() : spec.Env.GroupBy(e => e.Name).ToDictionary(g => g.Key, g => g.Last().Value);
        Terminating = _terminating.Token;
        Killed = _killed.Token;
    }

    public string ContainerId => _container.Id;
    public string Image => _container.Image;

    /// <summary>Null for a sandbox.</summary>
    public ContainerSpec? Spec => _container.Spec;
    public IReadOnlyList<string> Command => Spec?.Command ?? [];
    public IReadOnlyList<string> Args => Spec?.Args ?? [];
    public IReadOnlyDictionary<string, string> Env { get; }
    public string WorkingDir => Spec?.WorkingDir ?? "/";
    public long? MemoryLimitBytes => Spec?.Limits.MemoryBytes;
    public string Hostname => _container.Network.Hostname;
    public string PodIp => _container.Network.Ip;
    public TimeProvider Time => _engine.Time;

    /// <summary>Cancelled when the container is asked to stop (SIGTERM).</summary>
    public CancellationToken Terminating { get; }

    /// <summary>Cancelled when the container is killed or removed (SIGKILL).</summary>
    public CancellationToken Killed { get; }

    public void Out(string line) => _engine.AppendLog(_container, LogStream.Stdout, line);

    public void Err(string line) => _engine.AppendLog(_container, LogStream.Stderr, line);

    /// <summary>Waits on the engine's clock; ends early (cancelled) if the process is killed.</summary>
    public Task Delay(TimeSpan delay) => Task.Delay(delay, Time, Killed);

    /// <summary>Waits for SIGTERM; cancelled if killed first.</summary>
    public Task WaitForTerminationAsync() => Task.Delay(Timeout.InfiniteTimeSpan, Time, Terminating).ContinueWith(
        _ => Killed.ThrowIfCancellationRequested(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>Waits until killed (a process ignoring SIGTERM); never completes normally.</summary>
    public Task WaitForKillAsync() => Task.Delay(Timeout.InfiniteTimeSpan, Time, Killed);

    /// <summary>Accepts "connections" on a port of the pod's network: every container of the pod reaches it at localhost.</summary>
    public void Listen(int port, Func<FakeHttpRequest, string> handler) =>
        _container.Network.Listen(_container.Id, port, request => FakeHttpResponse.Ok(handler(request)));

    /// <summary>Like <see cref="Listen(int, Func{FakeHttpRequest, string})"/>, choosing the status code too.</summary>
    public void Listen(int port, Func<FakeHttpRequest, FakeHttpResponse> handler) => _container.Network.Listen(_container.Id, port, handler);

    /// <summary>
    /// An HTTP GET to <c>http://host:port/path</c> where host is localhost, this pod's IP or another fake
    /// pod's IP. Null when nothing listens there (connection refused).
    /// </summary>
    public string? HttpGet(string url) => _engine.HttpGet(this, url);

    /// <summary>Writes a file; under a volume mount it lands in the pod's emptyDir, visible to its other containers.</summary>
    public void WriteFile(string path, string content)
    {
        if (_engine.ResolveVolume(_container, path) is { } volume)
        {
            if (volume.ReadOnly)
            {
                throw new UnauthorizedAccessException($"{path}: read-only file system");
            }
            lock (volume.Files)
            {
                volume.Files[volume.RelativePath] = content;
            }
            return;
        }
        lock (_privateFiles)
        {
            _privateFiles[path] = content;
        }
    }

    /// <summary>A file's content, or null when it does not exist.</summary>
    public string? ReadFile(string path)
    {
        if (_engine.ResolveVolume(_container, path) is { } volume)
        {
            lock (volume.Files)
            {
                return volume.Files.GetValueOrDefault(volume.RelativePath);
            }
        }
        lock (_privateFiles)
        {
            return _privateFiles.GetValueOrDefault(path);
        }
    }

    /// <summary>Grows the process's memory; past the container's limit the kernel kills it (OOMKilled, 137).</summary>
    public void AllocateMemory(long bytes)
    {
        var total = Interlocked.Add(ref _allocated, bytes);
        if (MemoryLimitBytes is { } limit && total > limit)
        {
            OomKill();
        }
    }

    /// <summary>Ends the process as the OOM killer would, whatever its limit.</summary>
    [DoesNotReturn]
    public void OomKill() => throw new FakeOomKilledException();

    internal void SignalTerm() => _terminating.Cancel();

    internal void Kill()
    {
        _terminating.Cancel();
        _killed.Cancel();
    }
}

/// <summary>Thrown inside a fake program to end it with OOMKilled; the engine catches it.</summary>
internal sealed class FakeOomKilledException : Exception
{
    public FakeOomKilledException()
        : base("out of memory")
    {
    }
}
