namespace ActorOrchestrator.NodeAgent.Runtime;

/// <summary>
/// An in-memory container engine: the fake "dockerd" that one or many <see cref="FakeContainerRuntime"/>s
/// (one per simulated node) share. Programs, exec answers, images and latencies are scripted here;
/// time comes from the injected <see cref="TimeProvider"/>, so tests drive it instead of sleeping.
/// A container without a program costs a few objects and no task or timer, so a process can hold
/// thousands of hollow pods.
/// </summary>
public sealed partial class FakeContainerEngine(TimeProvider? time = null)
{
    private readonly object _gate = new();
    private readonly HashSet<string> _localImages = [];
    private readonly HashSet<string> _registryImages = [];
    private readonly Dictionary<string, FakeProgram> _imagePrograms = [];
    private readonly List<(Func<ContainerSpec, bool> Matches, FakeProgram Program)> _programRules = [];
    private readonly List<(Func<FakeExec, bool> Matches, FakeExecHandler Handler)> _execHandlers = [];
    private readonly Dictionary<string, FakeContainer> _containers = [];
    private readonly Dictionary<string, FakeContainer> _byName = [];
    // Each node lists only its own: with hundreds of hollow nodes on one engine a listing must not scan them all.
    private readonly Dictionary<string, Dictionary<string, FakeContainer>> _byNode = [];
    private readonly Dictionary<string, FakeNetwork> _networksByIp = [];
    private readonly Dictionary<(string Node, string PodUid), Dictionary<string, Dictionary<string, string>>> _volumes = [];
    private long _nextId;
    private int _nextIp;

    public TimeProvider Time { get; } = time ?? TimeProvider.System;

    public FakeLatencies Latencies { get; set; } = FakeLatencies.None;

    /// <summary>A call whose latency exceeds this fails with <see cref="ContainerRuntimeErrorReason.Timeout"/> after it.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>False simulates a dead engine: every call fails with <see cref="ContainerRuntimeErrorReason.EngineUnavailable"/>.</summary>
    public bool IsAvailable { get; set; } = true;

    /// <summary>Older lines are dropped past this, like log rotation.</summary>
    public int MaxLogLinesPerContainer { get; set; } = 10_000;

    /// <summary>Images already on the (simulated) host.</summary>
    public FakeContainerEngine AddLocalImages(params string[] images)
    {
        lock (_gate)
        {
            foreach (var image in images)
            {
                _localImages.Add(Normalize(image));
            }
        }
        return this;
    }

    /// <summary>Images a pull can fetch; none by default, as no registry is reachable.</summary>
    public FakeContainerEngine AddRegistryImages(params string[] images)
    {
        lock (_gate)
        {
            foreach (var image in images)
            {
                _registryImages.Add(Normalize(image));
            }
        }
        return this;
    }

    public bool HasLocalImage(string image)
    {
        lock (_gate)
        {
            return _localImages.Contains(Normalize(image));
        }
    }

    /// <summary>What containers of <paramref name="image"/> run unless a rule matches first.</summary>
    public FakeContainerEngine SetImageProgram(string image, FakeProgram program)
    {
        lock (_gate)
        {
            _imagePrograms[Normalize(image)] = program;
        }
        return this;
    }

    /// <summary>What matching containers run; rules are tried in the order added, before image programs.</summary>
    public FakeContainerEngine AddProgram(Func<ContainerSpec, bool> matches, FakeProgram program)
    {
        lock (_gate)
        {
            _programRules.Add((matches, program));
        }
        return this;
    }

    /// <summary>Answers matching execs; an exec nobody answers fails like a missing executable (126).</summary>
    public FakeContainerEngine AddExecHandler(Func<FakeExec, bool> matches, FakeExecHandler handler)
    {
        lock (_gate)
        {
            _execHandlers.Add((matches, handler));
        }
        return this;
    }

    /// <summary>How many containers exist, on all nodes.</summary>
    public int ContainerCount
    {
        get
        {
            lock (_gate)
            {
                return _containers.Count;
            }
        }
    }

    internal static string Normalize(string image)
    {
        var (name, tag) = ImageReference.Split(image);
        return image.Contains('@') ? image : $"{name}:{tag}";
    }

    /// <summary>A stable made-up image id, <c>sha256:</c> and the hash of the normalized reference.</summary>
    internal static string ImageId(string image) =>
        "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Normalize(image))));

    /// <summary>No program: a passive process that runs until stopped and exits 0 on SIGTERM.</summary>
    private FakeProgram? ProgramFor(ContainerSpec? spec, string image)
    {
        lock (_gate)
        {
            if (spec is not null)
            {
                foreach (var (matches, program) in _programRules)
                {
                    if (matches(spec))
                    {
                        return program;
                    }
                }
            }
            return _imagePrograms.GetValueOrDefault(Normalize(image));
        }
    }

    private FakeExecHandler? ExecHandlerFor(FakeExec exec)
    {
        lock (_gate)
        {
            return _execHandlers.FirstOrDefault(h => h.Matches(exec)).Handler;
        }
    }

    private string NewId()
    {
        var n = Interlocked.Increment(ref _nextId);
        return $"{n:x16}{Guid.NewGuid():N}{n:x16}";
    }

    // 10.88.0.0/16 and up, one address per sandbox; enough for a very large hollow cluster.
    private string NewIp()
    {
        var n = Interlocked.Increment(ref _nextIp) + 1;
        return $"10.{88 + (n >> 16)}.{(n >> 8) & 0xff}.{n & 0xff}";
    }
}
