using System.Globalization;
using System.Text.RegularExpressions;
using ActorOrchestrator.NodeAgent.Runtime;
using ActorOrchestrator.NodeAgentTests.Infrastructure;
using static ActorOrchestrator.NodeAgentTests.Runtime.ConformanceWorkloads;

namespace ActorOrchestrator.NodeAgentTests.Runtime;

public abstract partial class ContainerRuntimeConformance
{
    [Fact]
    public async Task Logs_honour_tail_and_timestamps()
    {
        var pod = NewPod("logs");
        var sandbox = await SandboxAsync(pod);
        var id = await RunAsync(Shell(Spec(pod, sandbox, "app", Kubia), ThreeLines));
        await WaitForLogsAsync(id, l => l.Count == 3, "three lines");

        Assert.Equal(["one", "two", "three"], await StdoutAsync(id));
        Assert.Equal(["two", "three"], (await LogsAsync(id, new LogOptions(TailLines: 2))).Select(l => l.Text));

        var stamped = await LogsAsync(id, new LogOptions(Timestamps: true));
        Assert.Equal(["one", "two", "three"], stamped.Select(l => l.Text));
        Assert.All(stamped, l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{1,9}Z$", l.Timestamp));
        Assert.Equal($"{stamped[0].Timestamp} one", stamped[0].ToString());
        Assert.Equal(stamped.Select(l => ParseTimestamp(l.Timestamp)).Order(), stamped.Select(l => ParseTimestamp(l.Timestamp)));
        Assert.All(await LogsAsync(id), l => Assert.Null(l.Timestamp));
    }

    [Fact]
    public async Task Following_logs_streams_new_lines_until_the_container_stops_and_since_time_filters()
    {
        var pod = NewPod("follow");
        var sandbox = await SandboxAsync(pod);
        var id = await RunAsync(Shell(Spec(pod, sandbox, "app", Kubia), FirstThenSecond));
        var followed = new List<LogLine>();
        using var limit = new CancellationTokenSource(WaitLimit);
        var follower = Task.Run(async () =>
        {
            await foreach (var line in Runtime.GetLogsAsync(id, new LogOptions(Follow: true, Timestamps: true), limit.Token))
            {
                lock (followed)
                {
                    followed.Add(line);
                }
            }
        });

        await Eventually.WaitForAsync(() => Task.FromResult(Snapshot(followed)), l => l.Count == 2, WaitLimit, "both lines while following");
        Assert.False(follower.IsCompleted, "the followed stream ended while the container still runs");
        await Runtime.StopContainerAsync(id, TimeSpan.Zero);
        await follower.WaitAsync(WaitLimit);
        var lines = Snapshot(followed);
        Assert.Equal(["first", "second"], lines.Select(l => l.Text));

        var sinceSecond = await LogsAsync(id, new LogOptions(SinceTime: ParseTimestamp(lines[1].Timestamp)));
        Assert.Equal(["second"], sinceSecond.Select(l => l.Text));
    }

    private static List<LogLine> Snapshot(List<LogLine> lines)
    {
        lock (lines)
        {
            return [.. lines];
        }
    }

    /// <summary>RFC3339 with up to nine fractional digits, truncated to .NET's 100 ns ticks.</summary>
    protected static DateTimeOffset ParseTimestamp(string? timestamp)
    {
        Assert.NotNull(timestamp);
        var trimmed = Regex.Replace(timestamp, @"\.(\d{1,7})\d*Z$", ".$1Z");
        return DateTimeOffset.Parse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }
}
