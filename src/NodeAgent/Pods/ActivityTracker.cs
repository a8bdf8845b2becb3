namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// Counts work the pod lifecycle has scheduled or is doing (pending passes, probes, removals), so a
/// test driving a fake clock can wait until everything the last tick set off has settled.
/// Every <see cref="Enter"/> is paired with one <see cref="Exit"/>.
/// </summary>
internal sealed class ActivityTracker
{
    private readonly object _gate = new();
    private int _count;
    private TaskCompletionSource? _idle;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    public void Enter()
    {
        lock (_gate)
        {
            _count++;
        }
    }

    public void Exit()
    {
        TaskCompletionSource? idle = null;
        lock (_gate)
        {
            _count--;
            if (_count == 0)
            {
                (idle, _idle) = (_idle, null);
            }
        }
        idle?.TrySetResult();
    }

    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            if (_count == 0)
            {
                return Task.CompletedTask;
            }
            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }
}
