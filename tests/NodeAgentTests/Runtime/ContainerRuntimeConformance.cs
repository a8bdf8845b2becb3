using ActorOrchestrator.NodeAgent.Runtime;
using ActorOrchestrator.NodeAgentTests.Infrastructure;
using static ActorOrchestrator.NodeAgentTests.Runtime.ConformanceWorkloads;

namespace ActorOrchestrator.NodeAgentTests.Runtime;

/// <summary>
/// What every <see cref="IContainerRuntime"/> must do, run against each implementation by a derived
/// class (the Akka.Persistence TCK pattern). Each test gets fresh node names and a test-run label on
/// everything it creates, and the derived class removes all of it afterwards, pass or fail.
/// </summary>
public abstract partial class ContainerRuntimeConformance : IAsyncLifetime
{
    /// <summary>Labels everything a test creates, so cleanup finds it even after a failure.</summary>
    public const string TestRunLabel = "io.actororchestrator.test-run";

    protected static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    protected ContainerRuntimeConformance()
    {
        RunId = Guid.NewGuid().ToString("N")[..10];
    }

    protected string RunId { get; }

    protected string NodeA => $"conf-{RunId}-a";

    protected string NodeB => $"conf-{RunId}-b";

    /// <summary>The runtime of <see cref="NodeA"/>.</summary>
    protected IContainerRuntime Runtime { get; private set; } = null!;

    protected IReadOnlyDictionary<string, string> TestLabels => new Dictionary<string, string> { [TestRunLabel] = RunId };

    /// <summary>A runtime for another node on the same engine.</summary>
    protected abstract Task<IContainerRuntime> CreateRuntimeAsync(string nodeName);

    /// <summary>Removes every container labelled with <see cref="RunId"/> and any directory the runtimes made.</summary>
    protected abstract Task CleanupAsync();

    public async Task InitializeAsync() => Runtime = await CreateRuntimeAsync(NodeA);

    public Task DisposeAsync() => CleanupAsync();

    protected PodRef NewPod(string name) => new(Guid.NewGuid().ToString(), "conformance", $"{name}-{RunId}");

    protected Task<PodSandbox> SandboxAsync(PodRef pod, int attempt = 0, IContainerRuntime? runtime = null) =>
        (runtime ?? Runtime).CreatePodSandboxAsync(new PodSandboxSpec(pod, attempt, TestLabels));

    protected ContainerSpec Spec(PodRef pod, PodSandbox sandbox, string name, string image, int attempt = 0) =>
        new(pod, sandbox.Id, name, image, attempt) { Labels = TestLabels };

    protected static ContainerSpec Shell(ContainerSpec spec, string script) => spec with { Command = Sh, Args = [script] };

    protected async Task<string> RunAsync(ContainerSpec spec)
    {
        var id = await Runtime.CreateContainerAsync(spec);
        await Runtime.StartContainerAsync(id);
        return id;
    }

    protected Task<ContainerStatus> WaitForExitAsync(string id) =>
        Eventually.WaitForAsync(() => Runtime.InspectContainerAsync(id), s => s.State == ContainerState.Exited, WaitLimit, $"container {id} to exit");

    protected async Task<List<LogLine>> LogsAsync(string id, LogOptions? options = null)
    {
        var lines = new List<LogLine>();
        await foreach (var line in Runtime.GetLogsAsync(id, options ?? LogOptions.All))
        {
            lines.Add(line);
        }
        return lines;
    }

    protected async Task<List<string>> StdoutAsync(string id) =>
        [.. (await LogsAsync(id)).Where(l => l.Stream == LogStream.Stdout).Select(l => l.Text)];

    protected Task<List<LogLine>> WaitForLogsAsync(string id, Func<List<LogLine>, bool> done, string what) =>
        Eventually.WaitForAsync(() => LogsAsync(id), done, WaitLimit, what);

    protected async Task<ContainerRuntimeException> ThrowsRuntimeErrorAsync(ContainerRuntimeErrorReason reason, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<ContainerRuntimeException>(call);
        Assert.Equal(reason, error.Reason);
        return error;
    }
}
