using System.Diagnostics;

namespace ActorOrchestrator.Bench.PodStartup;

/// <summary>
/// The milestones of the pods of one batch as they happen, each kept the first time it is seen, in seconds
/// since the batch started; <see cref="AllReady"/> completes when the last pod is ready.
/// </summary>
public sealed class Milestones(IReadOnlyList<string> names)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, double[]> _byName = names.ToDictionary(n => n, _ => new[] { double.NaN, double.NaN, double.NaN, double.NaN });
    private readonly TaskCompletionSource _allReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _start;
    private int _ready;

    public Task AllReady => _allReady.Task;

    public int ReadyCount => Volatile.Read(ref _ready);

    /// <summary>Time zero of the batch: call right before the first pod is asked for.</summary>
    public void Start()
    {
        StartedAt = DateTimeOffset.UtcNow;
        _start = Stopwatch.GetTimestamp();
    }

    public DateTimeOffset StartedAt { get; private set; }

    public double Now => Stopwatch.GetElapsedTime(_start).TotalSeconds;

    public void Accepted(string name) => Mark(name, 0);

    public void Placed(string name) => Mark(name, 1);

    public void Running(string name) => Mark(name, 2);

    public void Ready(string name)
    {
        if (Mark(name, 3) && Interlocked.Increment(ref _ready) == _byName.Count)
        {
            _allReady.TrySetResult();
        }
    }

    /// <summary>The pods not ready yet, for a timeout's message.</summary>
    public IReadOnlyList<string> NotReady()
    {
        lock (_gate) return [.. _byName.Where(p => double.IsNaN(p.Value[3])).Select(p => p.Key)];
    }

    public IReadOnlyList<PodTiming> Snapshot()
    {
        lock (_gate)
        {
            return [.. _byName.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new PodTiming(p.Key, p.Value[0], p.Value[1], p.Value[2], p.Value[3]))];
        }
    }

    /// <summary>True the first time; an event seen late (e.g. Running after Ready) also fills what it implies.</summary>
    private bool Mark(string name, int index)
    {
        var now = Now;
        lock (_gate)
        {
            if (!_byName.TryGetValue(name, out var times) || !double.IsNaN(times[index]))
            {
                return false;
            }
            for (var i = 1; i <= index; i++)
            {
                if (double.IsNaN(times[i])) times[i] = now;
            }
            times[index] = now;
            return true;
        }
    }
}
