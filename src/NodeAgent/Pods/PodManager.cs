using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.NodeAgent.Pods.Probes;
using ActorOrchestrator.NodeAgent.Runtime;
using ActorOrchestrator.NodeAgent.Streaming;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// Runs the pods bound to this node (one per node, the kubelet's pod manager): a <see cref="PodWorker"/>
/// per pod, fed with the desired set by <see cref="Sync"/> (level-based, the whole set) or by
/// <see cref="Upsert"/>/<see cref="Forget"/> (incremental). Pods that leave the set lose their
/// containers; containers labelled for this node that no pod claims are swept. Re-adopts running
/// containers after an agent restart instead of restarting them, and leaves them running when it stops.
/// </summary>
public sealed partial class PodManager : IContainerLocator, IPodAssignments
{
    private readonly object _gate = new();
    private readonly IContainerRuntime _runtime;
    private readonly PodManagerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PodManager> _logger;
    private readonly PodSyncContext _context;
    private readonly Dictionary<string, PodWorker> _workers = [];
    private readonly Dictionary<(string Namespace, string Name), string> _uidByName = [];
    private readonly Dictionary<string, Task> _removals = [];
    private readonly CancellationTokenSource _stopping = new();
    private Dictionary<string, AdoptedPod> _adopted = [];
    private IReadOnlyList<JsonObject>? _pendingSync;
    private readonly List<JsonObject> _pendingUpserts = [];
    private readonly NetworkProbeTransport? _ownedTransport;
    private readonly ContainerRelist _relist = new();
    private ITimer? _sweepTimer;
    private ITimer? _relistTimer;
    private bool _relisting;
    private bool _started;
    private bool _synced;

    public PodManager(IContainerRuntime runtime, IPodReporter reporter, PodManagerOptions options, TimeProvider time, ILogger<PodManager> logger)
    {
        _runtime = runtime;
        _options = options;
        _time = time;
        _logger = logger;
        _ownedTransport = options.ProbeTransport is null ? new NetworkProbeTransport(time) : null;
        _context = new PodSyncContext(runtime, reporter, options, time, logger, Activity, options.ProbeTransport ?? _ownedTransport!, _relist);
    }

    /// <summary>The meter of the pod lifecycle's counters (passes by outcome, restarts, kills by reason).</summary>
    public const string MeterName = PodMetrics.MeterName;

    /// <summary>Work in flight (passes, probes, removals), for tests that drive a fake clock.</summary>
    internal ActivityTracker Activity { get; } = new();

    /// <summary>
    /// Lists this node's containers and remembers them by pod, so the pods that come with the first
    /// <see cref="Sync"/> or <see cref="Upsert"/> continue with them (no restart, no duplicate).
    /// Pods handed over before this completes wait for it.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var containers = await _runtime.ListContainersAsync(null, cancellationToken);
        var adopted = AdoptedPod.Group(containers);
        _logger.Adopted(containers.Count, adopted.Count);
        lock (_gate)
        {
            _adopted = adopted;
            _started = true;
            if (_pendingSync is { } pods)
            {
                SyncLocked(pods);
            }
            foreach (var pod in _pendingUpserts)
            {
                UpsertLocked(pod);
            }
            _pendingSync = null;
            _pendingUpserts.Clear();
            _sweepTimer = _time.CreateTimer(_ => SweepDangling(), null, _options.DanglingSweepPeriod, _options.DanglingSweepPeriod);
            _relistTimer = _time.CreateTimer(_ => Relist(), null, _options.RelistPeriod, _options.RelistPeriod);
        }
    }

    /// <summary>
    /// The full set of pods bound to this node: new ones get a worker, changed ones an update, and
    /// every pod not in the set (deleted while the agent was away, moved, force-deleted) is stopped
    /// and its containers removed.
    /// </summary>
    public void Sync(IReadOnlyList<JsonObject> assignedPods)
    {
        lock (_gate)
        {
            if (!_started)
            {
                _pendingSync = assignedPods;
                _pendingUpserts.Clear();
                return;
            }
            SyncLocked(assignedPods);
        }
    }

    /// <summary>One pod created or changed (a watch event). A pod bound to another node is forgotten.</summary>
    public void Upsert(JsonObject pod)
    {
        lock (_gate)
        {
            if (!_started)
            {
                _pendingUpserts.Add(pod);
                return;
            }
            UpsertLocked(pod);
        }
    }

    /// <summary>One pod gone from the API (or from this node): its containers are stopped and removed.</summary>
    public void Forget(string ns, string name)
    {
        lock (_gate)
        {
            if (!_started)
            {
                _pendingUpserts.RemoveAll(p => p.Str("metadata", "namespace") == ns && p.Str("metadata", "name") == name);
                return;
            }
            if (_uidByName.TryGetValue((ns, name), out var uid))
            {
                RemoveLocked(uid, "forgotten");
            }
        }
    }

    /// <summary>Stops every worker and probe; containers keep running (an agent restart must not restart pods).</summary>
    public async Task StopAsync()
    {
        List<PodWorker> workers;
        List<Task> removals;
        lock (_gate)
        {
            _stopping.Cancel();
            _sweepTimer?.Dispose();
            _relistTimer?.Dispose();
            workers = [.. _workers.Values];
            removals = [.. _removals.Values];
            _workers.Clear();
            _uidByName.Clear();
        }
        await Task.WhenAll(workers.Select(w => w.StopAsync()));
        await Task.WhenAll(removals);
        _ownedTransport?.Dispose();
    }
}
