using Microsoft.Extensions.Time.Testing;

namespace ActorOrchestrator.NodeAgentTests.Pods;

/// <summary>
/// The fake clock as the code under test sees it, remembering when each pending timer is due, so a
/// test can wait (in real time) until something has started waiting on the clock before moving it,
/// e.g. a stop that waits out a grace period.
/// </summary>
public sealed class WatchedTimeProvider(FakeTimeProvider inner) : TimeProvider
{
    private readonly object _gate = new();
    private readonly Dictionary<WatchedTimer, DateTimeOffset> _due = [];

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public bool HasTimerDueAt(DateTimeOffset at)
    {
        lock (_gate)
        {
            return _due.ContainsValue(at);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new WatchedTimer(this);
        timer.Inner = inner.CreateTimer(s =>
        {
            timer.Fired();
            callback(s);
        }, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Track(WatchedTimer timer, TimeSpan dueTime)
    {
        lock (_gate)
        {
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                _due.Remove(timer);
            }
            else
            {
                _due[timer] = inner.GetUtcNow() + dueTime;
            }
        }
    }

    private sealed class WatchedTimer(WatchedTimeProvider owner) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public ITimer Inner { get; set; } = null!;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            owner.Track(this, dueTime);
            return Inner.Change(dueTime, period);
        }

        public void Fired() => owner.Track(this, _period);

        public void Dispose()
        {
            owner.Track(this, Timeout.InfiniteTimeSpan);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
