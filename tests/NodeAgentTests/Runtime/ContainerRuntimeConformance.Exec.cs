using System.Diagnostics;
using System.Text;
using ActorOrchestrator.NodeAgent.Runtime;
using static ActorOrchestrator.NodeAgentTests.Runtime.ConformanceWorkloads;

namespace ActorOrchestrator.NodeAgentTests.Runtime;

public abstract partial class ContainerRuntimeConformance
{
    [Fact]
    public async Task Exec_returns_output_and_exit_code()
    {
        var kubia = await RunningKubiaAsync("exec");
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();

        var result = await Runtime.ExecAsync(kubia, new ExecRequest([.. Sh, ExecOutErrExit], Stdout: stdout, Stderr: stderr));

        Assert.Equal(7, result.ExitCode);
        Assert.Equal("out\n", Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Equal("err\n", Encoding.UTF8.GetString(stderr.ToArray()));
    }

    [Fact]
    public async Task Exec_feeds_stdin_and_supports_a_tty()
    {
        var kubia = await RunningKubiaAsync("exec-stdin");
        using var stdin = new MemoryStream(Encoding.UTF8.GetBytes("hello stdin\n"));
        using var echoed = new MemoryStream();
        using var terminal = new MemoryStream();

        var cat = await Runtime.ExecAsync(kubia, new ExecRequest(["cat"], Stdin: stdin, Stdout: echoed));
        var tty = await Runtime.ExecAsync(kubia, new ExecRequest([.. Sh, ExecTty], Stdout: terminal, Tty: true));

        Assert.Equal((0, "hello stdin\n"), (cat.ExitCode, Encoding.UTF8.GetString(echoed.ToArray())));
        Assert.Equal((0, "tty"), (tty.ExitCode, Encoding.UTF8.GetString(terminal.ToArray()).Trim()));
    }

    [Fact]
    public async Task Exec_is_bounded_by_its_timeout_and_refused_in_a_stopped_container()
    {
        var kubia = await RunningKubiaAsync("exec-timeout");

        var clock = Stopwatch.StartNew();
        await ThrowsRuntimeErrorAsync(ContainerRuntimeErrorReason.Timeout,
            () => Runtime.ExecAsync(kubia, new ExecRequest(["sleep", "30"], Timeout: TimeSpan.FromSeconds(1))));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"gave up after {clock.Elapsed}");

        await Runtime.StopContainerAsync(kubia, TimeSpan.FromSeconds(10));
        await ThrowsRuntimeErrorAsync(ContainerRuntimeErrorReason.InvalidState, () => Runtime.ExecAsync(kubia, new ExecRequest(["true"])));
    }

    private async Task<string> RunningKubiaAsync(string name)
    {
        var pod = NewPod(name);
        var sandbox = await SandboxAsync(pod);
        var id = await RunAsync(Spec(pod, sandbox, "kubia", Kubia));
        await WaitForLogsAsync(id, l => l.Any(x => x.Text == "Kubia server starting..."), "kubia to start");
        return id;
    }
}
