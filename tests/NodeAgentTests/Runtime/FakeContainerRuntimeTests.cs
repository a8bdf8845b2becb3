using ActorOrchestrator.NodeAgent.Runtime;
using Microsoft.Extensions.Time.Testing;

namespace ActorOrchestrator.NodeAgentTests.Runtime;

/// <summary>What only the fake does: scripted behaviours on a driven clock, latencies, failures, the call log, scale.</summary>
[Trait("Category", "Unit")]
public sealed class FakeContainerRuntimeTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeContainerEngine _engine;
    private readonly FakeContainerRuntime _runtime;
    private readonly PodRef _pod = new("uid-1", "default", "job");

    public FakeContainerRuntimeTests()
    {
        _engine = new FakeContainerEngine(_time).AddKnownImages();
        _runtime = new FakeContainerRuntime(_engine, "node-1");
    }

    [Fact]
    public async Task A_scripted_container_exits_with_its_code_when_the_clock_says_so()
    {
        _engine.SetImageProgram("app", FakePrograms.ExitAfter(TimeSpan.FromSeconds(10), 42, "working"));
        _engine.AddLocalImages("app");
        var id = await StartAsync("app");

        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(ContainerState.Running, (await _runtime.InspectContainerAsync(id)).State);
        _time.Advance(TimeSpan.FromSeconds(1));
        var status = await WaitForExitAsync(id);

        Assert.Equal((42, false), (status.ExitCode, status.OomKilled));
        Assert.Equal(TimeSpan.FromSeconds(10), status.FinishedAt - status.StartedAt);
    }

    [Fact]
    public async Task A_scripted_container_is_OOMKilled()
    {
        _engine.SetImageProgram("hog", FakePrograms.OomKilledAfter(TimeSpan.FromSeconds(3)));
        _engine.AddLocalImages("hog");
        var id = await StartAsync("hog");

        _time.Advance(TimeSpan.FromSeconds(3));
        var status = await WaitForExitAsync(id);

        Assert.Equal((137, true), (status.ExitCode, status.OomKilled));
    }

    [Fact]
    public async Task Batch_job_runs_for_SLEEP_seconds_then_succeeds()
    {
        var sandbox = await _runtime.CreatePodSandboxAsync(new PodSandboxSpec(_pod));
        var id = await _runtime.CreateContainerAsync(new ContainerSpec(_pod, sandbox.Id, "main", "luksa/batch-job") { Env = [new EnvVar("SLEEP", "30")] });
        await _runtime.StartContainerAsync(id);

        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(0, (await WaitForExitAsync(id)).ExitCode);
    }

    [Fact]
    public async Task Stop_waits_out_the_grace_period_on_the_fake_clock_before_killing()
    {
        var id = await StartAsync("actororchestrator/sigterm-ignorer");

        // With no latency the stop registers its grace timer before returning, so advancing is safe.
        var stop = _runtime.StopContainerAsync(id, TimeSpan.FromSeconds(30));
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(stop.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        await stop.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(137, (await _runtime.InspectContainerAsync(id)).ExitCode);
    }

    [Fact]
    public async Task Latencies_take_fake_time_and_calls_past_the_timeout_fail_as_timeouts()
    {
        _engine.Latencies = FakeLatencies.Uniform(TimeSpan.FromSeconds(2)) with { List = TimeSpan.FromMinutes(5) };
        _engine.OperationTimeout = TimeSpan.FromSeconds(30);

        var inspect = _runtime.EnsureImageAsync("taodaling/kubia", ImagePullPolicy.IfNotPresent);
        Assert.False(inspect.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(ImageStatus.Present, (await inspect.WaitAsync(TimeSpan.FromSeconds(10))).Status);

        var list = _runtime.ListContainersAsync();
        _time.Advance(TimeSpan.FromSeconds(30));
        var error = await Assert.ThrowsAsync<ContainerRuntimeException>(() => list.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(ContainerRuntimeErrorReason.Timeout, error.Reason);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task An_unavailable_engine_fails_every_call_with_EngineUnavailable()
    {
        _engine.IsAvailable = false;

        var error = await Assert.ThrowsAsync<ContainerRuntimeException>(() => _runtime.ListContainersAsync());

        Assert.Equal(ContainerRuntimeErrorReason.EngineUnavailable, error.Reason);
    }

    [Fact]
    public async Task Every_call_is_recorded_with_its_time()
    {
        var id = await StartAsync("taodaling/kubia");
        await _runtime.StopContainerAsync(id, TimeSpan.Zero);
        await _runtime.RemovePodAsync(_pod.Uid);

        Assert.Equal(
            ["CreatePodSandbox", "CreateContainer", "StartContainer", "StopContainer", "RemovePod"],
            _runtime.Calls.Select(c => c.Operation));
        Assert.All(_runtime.Calls, c => Assert.Equal(_time.GetUtcNow(), c.At));
        Assert.Equal(0, _engine.ContainerCount);
    }

    [Fact]
    public async Task A_registry_image_is_pulled_fresh()
    {
        _engine.AddRegistryImages("team/app:2.0");

        Assert.Equal(ImageStatus.Missing, (await _runtime.EnsureImageAsync("team/app:2.0", ImagePullPolicy.Never)).Status);
        Assert.Equal(ImageStatus.PulledFresh, (await _runtime.EnsureImageAsync("team/app:2.0", ImagePullPolicy.Always)).Status);
        Assert.Equal(ImageStatus.Present, (await _runtime.EnsureImageAsync("team/app:2.0", ImagePullPolicy.IfNotPresent)).Status);
    }

    [Fact]
    public async Task Kubia_answers_other_pods_on_its_pod_ip()
    {
        var server = new PodRef("uid-server", "default", "kubia-server");
        var serverSandbox = await _runtime.CreatePodSandboxAsync(new PodSandboxSpec(server));
        await _runtime.StartContainerAsync(await _runtime.CreateContainerAsync(new ContainerSpec(server, serverSandbox.Id, "kubia", "taodaling/kubia")));
        string? answer = null;
        _engine.AddProgram(s => s.Name == "client", p =>
        {
            answer = p.HttpGet($"http://{serverSandbox.PodIp}:8080/");
            return Task.FromResult(0);
        });

        await WaitForExitAsync(await StartAsync("taodaling/kubia", "client"));

        Assert.Equal("You've hit kubia-server\n", answer);
    }

    [Fact]
    public async Task Thousands_of_hollow_pods_fit_in_one_process()
    {
        const int Pods = 5_000;
        _runtime.RecordCalls = false;
        for (var i = 0; i < Pods; i++)
        {
            var pod = new PodRef($"uid-{i}", "hollow", $"pod-{i}");
            var sandbox = await _runtime.CreatePodSandboxAsync(new PodSandboxSpec(pod));
            await _runtime.StartContainerAsync(await _runtime.CreateContainerAsync(new ContainerSpec(pod, sandbox.Id, "main", "luksa/ssd-monitor")));
        }

        Assert.Equal(2 * Pods, (await _runtime.ListContainersAsync()).Count(c => c.State == ContainerState.Running));
        Assert.Equal(2, await _runtime.RemovePodAsync("uid-42"));
        Assert.Equal(2 * Pods - 2, _engine.ContainerCount);
    }

    private async Task<string> StartAsync(string image, string name = "main")
    {
        var sandbox = await _runtime.CreatePodSandboxAsync(new PodSandboxSpec(_pod, Attempt: name == "main" ? 0 : 1));
        var id = await _runtime.CreateContainerAsync(new ContainerSpec(_pod, sandbox.Id, name, image));
        await _runtime.StartContainerAsync(id);
        return id;
    }

    private Task<ContainerStatus> WaitForExitAsync(string id) =>
        WaitUntilAsync(() => _runtime.InspectContainerAsync(id), s => s.State == ContainerState.Exited);

    // The fake's continuations run on the thread pool; wait for them without touching the fake clock.
    private static Task<T> WaitUntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done) =>
        Infrastructure.Eventually.WaitForAsync(probe, done, TimeSpan.FromSeconds(10), "the fake engine to catch up");
}
