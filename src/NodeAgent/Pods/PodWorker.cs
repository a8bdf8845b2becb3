using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// Keeps one pod converging (the kubelet's pod worker): a loop that runs a <see cref="PodSync"/> pass
/// whenever the pod changes, a probe result changes, a pass asks for another, or a timer fires (the
/// periodic resync, the end of a back-off, a deadline). Triggers coalesce; passes never overlap.
/// </summary>
internal sealed class PodWorker
{
    private readonly PodSyncContext _context;
    private readonly PodSync _sync;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly ITimer _timer;
    private readonly object _gate = new();
    private readonly Task _loop;
    private volatile DesiredPod _pod;
    private bool _dirty;
    private long _passes;

    public PodWorker(PodSyncContext context, DesiredPod pod, AdoptedPod? adopted, Task startAfter)
    {
        _context = context;
        _pod = pod;
        _sync = new PodSync(context, pod, adopted, Trigger);
        _timer = context.Time.CreateTimer(_ => Trigger(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Trigger();
        _loop = Task.Run(() => RunAsync(startAfter));
    }

    public string Uid => _pod.Uid;

    public DesiredPod Pod => _pod;

    public PodSnapshot Snapshot => _sync.Snapshot;

    /// <summary>The newest desired state; the next pass acts on it.</summary>
    public void Update(DesiredPod pod)
    {
        var before = _pod;
        _pod = pod;
        if (!pod.SameAs(before))
        {
            Trigger();
        }
    }

    /// <summary>Asks for a pass; many asks before it starts make one pass.</summary>
    public void Trigger()
    {
        lock (_gate)
        {
            if (_dirty || _stop.IsCancellationRequested)
            {
                return;
            }
            _dirty = true;
            _context.Activity.Enter();
            _signal.Release();
        }
    }

    /// <summary>Stops the loop and the probes; the containers are left as they are.</summary>
    public async Task StopAsync()
    {
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }
            _stop.Cancel();
        }
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // The loop's own way out.
        }
        _timer.Dispose();
        _sync.Dispose();
        lock (_gate)
        {
            if (_dirty)
            {
                _dirty = false;
                _context.Activity.Exit();
            }
        }
    }

    private async Task RunAsync(Task startAfter)
    {
        var token = _stop.Token;
        await startAfter.WaitAsync(token);
        while (true)
        {
            await _signal.WaitAsync(token);
            lock (_gate)
            {
                _dirty = false;
            }
            try
            {
                await PassAsync(token);
            }
            finally
            {
                _context.Activity.Exit();
            }
        }
    }

    private async Task PassAsync(CancellationToken token)
    {
        var pod = _pod;
        var started = Stopwatch.GetTimestamp();
        var now = _context.Time.GetUtcNow();
        var wake = new WakeSchedule(now + _context.Options.ResyncPeriod);
        string outcome;
        using var scope = _context.Logger.BeginScope(new Dictionary<string, object> { ["Pod"] = pod.Ref.ToString(), ["PassId"] = Interlocked.Increment(ref _passes) });
        try
        {
            outcome = await _sync.RunAsync(pod, wake, token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
        {
            _context.Logger.PassFailed(pod.Ref.ToString(), e);
            outcome = "failed";
        }
        _context.Logger.Synced(pod.Ref.ToString(), (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, outcome);
        PodMetrics.Passes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        if (_sync.Finished)
        {
            return;
        }
        if (wake.Again)
        {
            Trigger();
            return;
        }
        var due = wake.Earliest - _context.Time.GetUtcNow();
        if (due <= TimeSpan.Zero)
        {
            Trigger();
            return;
        }
        lock (_gate)
        {
            if (!_stop.IsCancellationRequested)
            {
                _timer.Change(due, Timeout.InfiniteTimeSpan);
            }
        }
    }
}
