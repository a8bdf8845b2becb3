using ActorOrchestrator.NodeAgent.Runtime;
using static ActorOrchestrator.NodeAgentTests.Runtime.ConformanceWorkloads;

namespace ActorOrchestrator.NodeAgentTests.Runtime;

/// <summary>
/// The conformance suite on the fake engine. The fake cannot run busybox, so each workload's command
/// is scripted here with what the process can see: its spec, env, pod network, volumes and signals.
/// </summary>
[Trait("Category", "Unit")]
public sealed class FakeRuntimeConformanceTests : ContainerRuntimeConformance
{
    private readonly FakeContainerEngine _engine = new FakeContainerEngine().AddKnownImages();

    public FakeRuntimeConformanceTests()
    {
        Script(WgetLocalhost, async p =>
        {
            for (var i = 0; i < 100; i++)
            {
                if (p.HttpGet("http://127.0.0.1:8080") is { } body)
                {
                    p.Out(body.TrimEnd('\n'));
                    return 0;
                }
                await p.Delay(TimeSpan.FromMilliseconds(100));
            }
            return 1;
        });
        Script(WriteShared, p =>
        {
            p.WriteFile("/data/hello.txt", SharedText + "\n");
            return Task.FromResult(0);
        });
        Script(ReadShared, p =>
        {
            if (p.ReadFile("/mnt/in/hello.txt") is not { } content)
            {
                p.Err("cat: can't open '/mnt/in/hello.txt': No such file or directory");
                return Task.FromResult(1);
            }
            p.Out(content.TrimEnd('\n'));
            return Task.FromResult(0);
        });
        Script(EchoEnvironment, p =>
        {
            p.Out($"{p.Env.GetValueOrDefault("GREETING")} from {p.WorkingDir} with {p.Args[1]} {p.Args[2]}");
            return Task.FromResult(0);
        });
        Script(ExitThree, p =>
        {
            p.Out("to-stdout");
            p.Err("to-stderr");
            return Task.FromResult(3);
        });
        Script(AllocateTooMuch, async p =>
        {
            p.AllocateMemory(50_000_000);
            await p.Delay(TimeSpan.FromSeconds(1));
            return 0;
        });
        Script(ThreeLines, async p =>
        {
            p.Out("one");
            p.Out("two");
            p.Out("three");
            await p.WaitForKillAsync(); // `exec sleep` as PID 1 ignores SIGTERM
            return 137;
        });
        Script(FirstThenSecond, async p =>
        {
            p.Out("first");
            await p.Delay(TimeSpan.FromSeconds(1));
            p.Out("second");
            await p.WaitForKillAsync();
            return 137;
        });
        // `echo X` as a command, or as `sh -c "echo X"` in args.
        _engine.AddProgram(s => EchoText(s) is not null, p =>
        {
            p.Out(EchoText(p.Spec!)!);
            return Task.FromResult(0);
        });

        Exec([.. Sh, ExecOutErrExit], async e =>
        {
            await e.OutAsync("out\n");
            await e.ErrAsync("err\n");
            return 7;
        });
        Exec(["cat"], async e =>
        {
            await e.OutAsync(await e.ReadStdinToEndAsync());
            return 0;
        });
        Exec([.. Sh, ExecTty], async e =>
        {
            await e.OutAsync("tty\r\n");
            return 0;
        });
        Exec(["sleep", "30"], async e =>
        {
            await e.Delay(TimeSpan.FromSeconds(30));
            return 0;
        });
        Exec(["true"], _ => Task.FromResult(0));
    }

    protected override Task<IContainerRuntime> CreateRuntimeAsync(string nodeName) =>
        Task.FromResult<IContainerRuntime>(new FakeContainerRuntime(_engine, nodeName));

    protected override Task CleanupAsync() => Task.CompletedTask;

    private void Script(string script, FakeProgram program) =>
        _engine.AddProgram(s => s.Command.SequenceEqual(Sh) && s.Args.Count > 0 && s.Args[0] == script, program);

    private void Exec(string[] command, FakeExecHandler handler) =>
        _engine.AddExecHandler(e => e.Command.SequenceEqual(command), handler);

    private static string? EchoText(ContainerSpec spec)
    {
        string[] argv = [.. spec.Command, .. spec.Args];
        return argv switch
        {
            ["echo", .. var words] => string.Join(' ', words),
            ["sh", "-c", var script] when script.StartsWith("echo ", StringComparison.Ordinal) && !script.Contains(';') => script[5..],
            _ => null,
        };
    }
}
