namespace ActorOrchestrator.NodeAgent.Streaming.Spdy;

/// <summary>
/// A SPDY/3.1 send window (per stream, and one for the session): bytes the peer has said it can take.
/// Data frames take from it, WINDOW_UPDATE and SETTINGS give to it; a sender with nothing left waits.
/// </summary>
public sealed class SpdyFlowWindow(long initial)
{
    private readonly object _lock = new();
    private long _available = initial;
    private TaskCompletionSource? _grown;

    public long Available
    {
        get
        {
            lock (_lock) return _available;
        }
    }

    /// <summary>Adds (or, for a smaller INITIAL_WINDOW_SIZE, removes) window; the window may go negative.</summary>
    public void Adjust(long delta)
    {
        TaskCompletionSource? wake = null;
        lock (_lock)
        {
            _available += delta;
            if (_available > 0)
            {
                wake = _grown;
                _grown = null;
            }
        }
        wake?.TrySetResult();
    }

    /// <summary>Takes between 1 and <paramref name="wanted"/> bytes, waiting while the window is empty.</summary>
    public async ValueTask<int> TakeAsync(int wanted, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_available > 0)
                {
                    var taken = (int)Math.Min(wanted, _available);
                    _available -= taken;
                    return taken;
                }
                _grown ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _grown.Task;
            }
            await wait.WaitAsync(cancellationToken);
        }
    }
}
