using ActorOrchestrator.Api.Objects;
using System.Text.Json.Nodes;

namespace ActorOrchestrator.NodeAgent.Pods;

public sealed partial class PodManager
{
    private void SyncLocked(IReadOnlyList<JsonObject> assignedPods)
    {
        var desired = new HashSet<string>();
        foreach (var json in assignedPods)
        {
            if (UpsertLocked(json) is { } uid)
            {
                desired.Add(uid);
            }
        }
        foreach (var uid in _workers.Keys.Where(uid => !desired.Contains(uid)).ToList())
        {
            RemoveLocked(uid, "no longer bound to this node");
        }
        // Containers found at start-up whose pod is not in the set: deleted while the agent was away.
        foreach (var uid in _adopted.Keys.Where(uid => !desired.Contains(uid)).ToList())
        {
            ScheduleRemovalLocked(uid, null, "not bound to this node");
        }
        _adopted.Clear();
        _synced = true;
    }

    /// <summary>Starts or updates the pod's worker; returns its uid, or null when the pod is not for this node.</summary>
    private string? UpsertLocked(JsonObject json)
    {
        if (json.Str("metadata", "uid") is { } known && _workers.TryGetValue(known, out var running) && running.Pod.SameDesireAs(json))
        {
            return known;
        }
        if (DesiredPod.TryParse(json, out var error) is not { } pod)
        {
            _logger.PodRejected(error!);
            return null;
        }
        if (pod.NodeName is { Length: > 0 } node && node != _runtime.NodeName)
        {
            if (_workers.ContainsKey(pod.Uid))
            {
                RemoveLocked(pod.Uid, $"bound to node {node}");
            }
            return null;
        }
        if (_workers.TryGetValue(pod.Uid, out var worker))
        {
            worker.Update(pod);
            return pod.Uid;
        }
        // Wait for whatever is being removed under this uid or this name (Docker names repeat per name).
        var before = _removals.GetValueOrDefault(pod.Uid) ?? Task.CompletedTask;
        if (_uidByName.TryGetValue((pod.Namespace, pod.Name), out var previousUid) && previousUid != pod.Uid)
        {
            before = Task.WhenAll(before, RemoveLocked(previousUid, "replaced by a pod of the same name"));
        }
        _adopted.Remove(pod.Uid, out var adopted);
        _workers[pod.Uid] = new PodWorker(_context, pod, adopted, before);
        _uidByName[(pod.Namespace, pod.Name)] = pod.Uid;
        return pod.Uid;
    }

    private Task RemoveLocked(string uid, string why)
    {
        if (_workers.Remove(uid, out var worker))
        {
            var key = (worker.Pod.Namespace, worker.Pod.Name);
            if (_uidByName.TryGetValue(key, out var named) && named == uid)
            {
                _uidByName.Remove(key);
            }
        }
        return ScheduleRemovalLocked(uid, worker, why);
    }

    /// <summary>Stops the worker (if any), then removes every container of the pod, in the background.</summary>
    private Task ScheduleRemovalLocked(string uid, PodWorker? worker, string why)
    {
        var before = _removals.GetValueOrDefault(uid) ?? Task.CompletedTask;
        Activity.Enter();
        var removal = RemoveAsync(uid, worker, before, why);
        _removals[uid] = removal;
        _ = removal.ContinueWith(_ =>
        {
            lock (_gate)
            {
                if (_removals.GetValueOrDefault(uid) == removal)
                {
                    _removals.Remove(uid);
                }
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return removal;
    }

    private async Task RemoveAsync(string uid, PodWorker? worker, Task before, string why)
    {
        try
        {
            await before;
            if (worker is not null)
            {
                await worker.StopAsync();
            }
            using var timeout = new CancellationTokenSource(_options.CleanupTimeout, _time);
            var removed = await _runtime.RemovePodAsync(uid, timeout.Token);
            _logger.Removed(uid, why, removed);
        }
        catch (Exception e)
        {
            // The dangling sweep tries again later.
            _logger.RemoveFailed(uid, e.Message);
        }
        finally
        {
            Activity.Exit();
        }
    }

    /// <summary>One node-wide listing (never two at once); wakes the workers of the pods whose containers changed.</summary>
    private void Relist()
    {
        lock (_gate)
        {
            if (_relisting || _stopping.IsCancellationRequested)
            {
                return;
            }
            _relisting = true;
            Activity.Enter();
        }
        _ = RelistAsync();
    }

    private async Task RelistAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(_options.CleanupTimeout, _time);
            var changed = await _relist.RelistAsync(_runtime, _time, timeout.Token);
            lock (_gate)
            {
                foreach (var uid in changed)
                {
                    if (_workers.TryGetValue(uid, out var worker))
                    {
                        worker.Trigger();
                    }
                }
            }
        }
        catch (Exception e)
        {
            _logger.RelistFailed(e.Message);
        }
        finally
        {
            lock (_gate)
            {
                _relisting = false;
            }
            Activity.Exit();
        }
    }

    /// <summary>Removes labelled containers of pods nobody claims (Nomad's dangling-container reconciler).</summary>
    private void SweepDangling()
    {
        lock (_gate)
        {
            if (!_synced || _stopping.IsCancellationRequested)
            {
                return;
            }
            Activity.Enter();
        }
        _ = SweepDanglingAsync();
    }

    internal async Task SweepDanglingAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(_options.CleanupTimeout, _time);
            var containers = await _runtime.ListContainersAsync(null, timeout.Token);
            lock (_gate)
            {
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }
                var unclaimed = containers
                    .Select(c => c.Labels.PodUid)
                    .OfType<string>()
                    .Where(uid => uid.Length > 0 && !_workers.ContainsKey(uid) && !_removals.ContainsKey(uid))
                    .Distinct()
                    .ToList();
                foreach (var uid in unclaimed)
                {
                    ScheduleRemovalLocked(uid, null, "dangling");
                }
            }
        }
        catch (Exception e)
        {
            _logger.SweepFailed(e.Message);
        }
        finally
        {
            Activity.Exit();
        }
    }
}
