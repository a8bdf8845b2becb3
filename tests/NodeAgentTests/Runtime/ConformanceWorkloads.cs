namespace ActorOrchestrator.NodeAgentTests.Runtime;

/// <summary>
/// The commands the conformance tests run. Real Docker runs them with the images' busybox; the
/// fake's conformance class scripts each one (<see cref="FakeRuntimeConformanceTests"/>).
/// </summary>
public static class ConformanceWorkloads
{
    public const string Kubia = "taodaling/kubia";
    public const string BatchJob = "luksa/batch-job";
    public const string SigtermIgnorer = "actororchestrator/sigterm-ignorer";
    public const string MissingImage = "actororchestrator/does-not-exist:1.0";

    /// <summary>Retries until kubia in the same pod answers on localhost (it may still be binding). No -T: busybox-static wget crashes with it.</summary>
    public const string WgetLocalhost =
        "for i in $(seq 1 100); do wget -qO- http://127.0.0.1:8080 && exit 0; sleep 0.1; done; exit 1";

    public const string WriteShared = "echo shared-data > /data/hello.txt";
    public const string ReadShared = "cat /mnt/in/hello.txt";
    public const string SharedText = "shared-data";

    /// <summary>Run as command [sh, -c] with args [script, first, second]: $0 and $1 are the extra args.</summary>
    public const string EchoEnvironment = "echo \"$GREETING from $(pwd) with $0 $1\"";
    public const string CommandOnlyText = "command-only";
    public const string ArgsOnlyText = "args-only";

    public const string ExitThree = "echo to-stdout; echo to-stderr >&2; exit 3";

    /// <summary>Grows the shell's memory far past an 8Mi limit.</summary>
    public const string AllocateTooMuch = "x=$(head -c 50000000 /dev/zero | tr '\\0' a); sleep 1";

    public const string ThreeLines = "echo one; echo two; echo three; exec sleep 3600";
    public const string FirstThenSecond = "echo first; sleep 1; echo second; exec sleep 3600";

    public const string ExecOutErrExit = "echo out; echo err >&2; exit 7";
    public const string ExecTty = "echo tty";

    public static readonly string[] Sh = ["sh", "-c"];
}
