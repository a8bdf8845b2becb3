using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.NodeAgent.Pods;
using ActorOrchestrator.NodeAgent.Pods.Probes;
using ActorOrchestrator.NodeAgent.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ActorOrchestrator.NodeAgentTests.Pods;

/// <summary>
/// A node on the fake engine with a driven clock: time moves only when a test advances it, and after
/// each step the test waits until every pass, probe and removal that step set off has finished.
/// </summary>
public sealed class FakePodHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 10, TimeSpan.Zero);

    public FakePodHarness(Func<PodManagerOptions, PodManagerOptions>? configure = null)
    {
        Clock = new WatchedTimeProvider(Time);
        Engine = new FakeContainerEngine(Clock).AddKnownImages();
        Runtime = new FakeContainerRuntime(Engine, TestPods.Node);
        Reporter = new RecordingPodReporter(Time);
        var options = new PodManagerOptions
        {
            ResyncPeriod = TimeSpan.FromSeconds(1),
            HostIp = "192.168.0.10",
            ProbeTransport = new FakeProbeTransport(Engine),
        };
        Options = configure?.Invoke(options) ?? options;
        Manager = NewManager();
    }

    /// <summary>The clock tests move.</summary>
    public FakeTimeProvider Time { get; } = new(T0);

    /// <summary>The same clock as the node sees it, with its pending timers visible.</summary>
    public WatchedTimeProvider Clock { get; }

    public FakeContainerEngine Engine { get; }

    public FakeContainerRuntime Runtime { get; }

    public RecordingPodReporter Reporter { get; }

    public PodManagerOptions Options { get; }

    public PodManager Manager { get; private set; }

    public TimeSpan Elapsed => Time.GetUtcNow() - T0;

    /// <summary>A second agent process on the same engine (the first one having stopped).</summary>
    public PodManager NewManager() => Manager = new PodManager(Runtime, Reporter, Options, Clock, NullLogger<PodManager>.Instance);

    /// <summary>Waits until something (a grace period, typically) waits on the clock until <paramref name="at"/>.</summary>
    public Task WaitForTimerAsync(DateTimeOffset at) => WaitForAsync(() => Clock.HasTimerDueAt(at), $"a timer due at {at:O}");

    public async Task StartAsync(params JsonObject[] pods)
    {
        await Manager.StartAsync(CancellationToken.None);
        Manager.Sync(pods);
        await SettleAsync();
    }

    /// <summary>Waits (in real time, bounded) until nothing the pod lifecycle started is still in flight.</summary>
    public async Task SettleAsync()
    {
        // Twice: something finishing may hand work to a continuation that registers a moment later.
        for (var i = 0; i < 2; i++)
        {
            await Manager.Activity.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(20));
            await Task.Yield();
        }
    }

    /// <summary>For work blocked on the fake clock (never idle): waits in real time, bounded, for a condition.</summary>
    public static async Task WaitForAsync(Func<bool> condition, string what)
    {
        await Infrastructure.Eventually.WaitForAsync(() => Task.FromResult(condition()), done => done, TimeSpan.FromSeconds(20), what);
    }

    /// <summary>Moves the clock in steps, settling after each.</summary>
    public async Task AdvanceAsync(TimeSpan by, TimeSpan? step = null)
    {
        var size = step ?? TimeSpan.FromSeconds(1);
        var end = Time.GetUtcNow() + by;
        await SettleAsync();
        while (Time.GetUtcNow() < end)
        {
            var next = end - Time.GetUtcNow();
            Time.Advance(next < size ? next : size);
            await SettleAsync();
        }
    }

    /// <summary>Moves the clock until the condition holds; fails after <paramref name="max"/> of fake time.</summary>
    public async Task AdvanceUntilAsync(Func<bool> condition, TimeSpan max, string what, TimeSpan? step = null)
    {
        var deadline = Time.GetUtcNow() + max;
        await SettleAsync();
        while (!condition())
        {
            if (Time.GetUtcNow() >= deadline)
            {
                throw new TimeoutException($"{what} did not happen within {max} of fake time");
            }
            Time.Advance(step ?? TimeSpan.FromSeconds(1));
            await SettleAsync();
        }
    }

    public JsonObject Status(string pod) => Reporter.Latest(pod) ?? throw new InvalidOperationException($"no status reported for {pod}");

    public string? Phase(string pod) => Reporter.Latest(pod).Str("phase");

    public JsonObject? ContainerStatus(string pod, string container, bool init = false) =>
        Reporter.Latest(pod).Objects(init ? "initContainerStatuses" : "containerStatuses").FirstOrDefault(c => c.Str("name") == container);

    public string? Condition(string pod, string type) =>
        Reporter.Latest(pod).Objects("conditions").FirstOrDefault(c => c.Str("type") == type).Str("status");

    public async Task<IReadOnlyList<ContainerSummary>> ContainersAsync(string podName, string? container = null)
    {
        var filter = new Dictionary<string, string> { [RuntimeLabels.PodUidKey] = $"uid-{podName}" };
        if (container is not null)
        {
            filter[RuntimeLabels.ContainerKey] = container;
        }
        return await Runtime.ListContainersAsync(filter);
    }

    public int Calls(string operation) => Runtime.Calls.Count(c => c.Operation == operation);

    public async ValueTask DisposeAsync() => await Manager.StopAsync();
}
