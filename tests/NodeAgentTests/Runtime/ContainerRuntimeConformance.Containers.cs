using System.Diagnostics;
using ActorOrchestrator.NodeAgent.Runtime;
using static ActorOrchestrator.NodeAgentTests.Runtime.ConformanceWorkloads;

namespace ActorOrchestrator.NodeAgentTests.Runtime;

public abstract partial class ContainerRuntimeConformance
{
    [Fact]
    public async Task Env_command_args_and_working_dir_are_honoured()
    {
        var pod = NewPod("env");
        var sandbox = await SandboxAsync(pod);
        var full = Spec(pod, sandbox, "full", Kubia) with
        {
            Command = Sh,
            Args = [EchoEnvironment, "first", "second"],
            Env = [new EnvVar("GREETING", "hello")],
            WorkingDir = "/work",
        };
        var commandOnly = Spec(pod, sandbox, "command-only", Kubia) with { Command = ["echo", CommandOnlyText] };
        var argsOnly = Spec(pod, sandbox, "args-only", BatchJob) with { Args = ["sh", "-c", $"echo {ArgsOnlyText}"] };

        var ids = new[] { await RunAsync(full), await RunAsync(commandOnly), await RunAsync(argsOnly) };
        foreach (var id in ids)
        {
            Assert.Equal(0, (await WaitForExitAsync(id)).ExitCode);
        }

        Assert.Equal(["hello from /work with first second"], await StdoutAsync(ids[0]));
        Assert.Equal([CommandOnlyText], await StdoutAsync(ids[1]));
        Assert.Equal([ArgsOnlyText], await StdoutAsync(ids[2]));
    }

    [Fact]
    public async Task Exit_code_is_reported_and_a_restart_is_a_new_attempt()
    {
        var pod = NewPod("exit");
        var sandbox = await SandboxAsync(pod);
        var spec = Shell(Spec(pod, sandbox, "app", Kubia), ExitThree);

        var first = await RunAsync(spec);
        var status = await WaitForExitAsync(first);
        Assert.Equal((3, false), (status.ExitCode, status.OomKilled));
        Assert.NotNull(status.StartedAt);
        Assert.True(status.FinishedAt >= status.StartedAt, $"{status.StartedAt} .. {status.FinishedAt}");
        Assert.Equal($"ao_{NodeA}_conformance_{pod.Name}_app_0", status.Name);
        Assert.Equal(
            [(LogStream.Stdout, "to-stdout"), (LogStream.Stderr, "to-stderr")],
            (await LogsAsync(first)).Select(l => (l.Stream, l.Text)).Order());

        var second = await RunAsync(spec with { Attempt = 1 });
        var restarted = await WaitForExitAsync(second);
        Assert.NotEqual(first, second);
        Assert.Equal((3, 1, 1), (restarted.ExitCode, restarted.Labels.Attempt, restarted.Labels.RestartCount));

        var attempts = await Runtime.ListContainersAsync(new Dictionary<string, string>
        {
            [RuntimeLabels.PodUidKey] = pod.Uid,
            [RuntimeLabels.ContainerKey] = "app",
        });
        Assert.Equal([0, 1], attempts.Select(c => c.Labels.Attempt).Order());
        Assert.All(attempts, c => Assert.Equal(ContainerState.Exited, c.State));
    }

    [Fact]
    public async Task Creating_the_same_attempt_twice_is_a_name_conflict()
    {
        var pod = NewPod("conflict");
        var sandbox = await SandboxAsync(pod);
        var spec = Spec(pod, sandbox, "app", Kubia);
        await Runtime.CreateContainerAsync(spec);

        await ThrowsRuntimeErrorAsync(ContainerRuntimeErrorReason.NameConflict, () => Runtime.CreateContainerAsync(spec));
    }

    [Fact]
    public async Task Exceeding_the_memory_limit_is_reported_as_OOMKilled()
    {
        var pod = NewPod("oom");
        var sandbox = await SandboxAsync(pod);
        var spec = Shell(Spec(pod, sandbox, "hog", Kubia), AllocateTooMuch) with { Limits = ResourceLimits.FromQuantities("500m", "8Mi") };

        var status = await WaitForExitAsync(await RunAsync(spec));

        Assert.True(status.OomKilled, $"exit {status.ExitCode}, not OOMKilled");
        Assert.Equal(137, status.ExitCode);
    }

    [Fact]
    public async Task Stop_kills_a_sigterm_ignoring_container_only_after_the_grace_period()
    {
        var pod = NewPod("grace");
        var sandbox = await SandboxAsync(pod);
        var ignorer = await RunAsync(Spec(pod, sandbox, "ignorer", SigtermIgnorer));
        await WaitForLogsAsync(ignorer, l => l.Count > 0, "sigterm-ignorer to start");
        var grace = TimeSpan.FromSeconds(2);

        var clock = Stopwatch.StartNew();
        await Runtime.StopContainerAsync(ignorer, grace);
        clock.Stop();

        Assert.True(clock.Elapsed >= grace - TimeSpan.FromMilliseconds(50), $"stopped after {clock.Elapsed}");
        Assert.True(clock.Elapsed < grace + TimeSpan.FromSeconds(10), $"stopped after {clock.Elapsed}");
        var status = await Runtime.InspectContainerAsync(ignorer);
        Assert.Equal((ContainerState.Exited, 137), (status.State, status.ExitCode));
        Assert.Contains("Received SIGTERM, ignoring it", (await LogsAsync(ignorer)).Select(l => l.Text));
    }

    [Fact]
    public async Task Stop_returns_promptly_for_a_container_that_honours_sigterm()
    {
        var pod = NewPod("prompt");
        var sandbox = await SandboxAsync(pod);
        var kubia = await RunAsync(Spec(pod, sandbox, "kubia", Kubia));
        await WaitForLogsAsync(kubia, l => l.Any(x => x.Text == "Kubia server starting..."), "kubia to start");

        var clock = Stopwatch.StartNew();
        await Runtime.StopContainerAsync(kubia, TimeSpan.FromSeconds(20));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"stopped after {clock.Elapsed}");
        var status = await Runtime.InspectContainerAsync(kubia);
        Assert.Equal((ContainerState.Exited, 0), (status.State, status.ExitCode));
        await Runtime.StopContainerAsync(kubia, TimeSpan.FromSeconds(20)); // stopping again is a no-op
    }

    [Fact]
    public async Task Unknown_containers_are_typed_errors_and_removal_is_idempotent()
    {
        const string Unknown = "ao-no-such-container-0123456789";

        await ThrowsRuntimeErrorAsync(ContainerRuntimeErrorReason.ContainerNotFound, () => Runtime.InspectContainerAsync(Unknown));
        await ThrowsRuntimeErrorAsync(ContainerRuntimeErrorReason.ContainerNotFound, () => Runtime.StopContainerAsync(Unknown, TimeSpan.Zero));
        await Runtime.RemoveContainerAsync(Unknown);

        var pod = NewPod("remove");
        var sandbox = await SandboxAsync(pod);
        var id = await RunAsync(Spec(pod, sandbox, "app", Kubia));
        await Runtime.RemoveContainerAsync(id);
        await Runtime.RemoveContainerAsync(id);
        await ThrowsRuntimeErrorAsync(ContainerRuntimeErrorReason.ContainerNotFound, () => Runtime.InspectContainerAsync(id));
    }
}
