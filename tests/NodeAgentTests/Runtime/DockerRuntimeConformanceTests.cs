using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgentTests.Runtime;

/// <summary>The conformance suite on the real Docker engine and the images of deploy/images.</summary>
[Trait("Category", "Docker")]
public sealed class DockerRuntimeConformanceTests : ContainerRuntimeConformance
{
    private readonly List<DockerContainerRuntime> _runtimes = [];

    private string StateDirectory => Path.Combine(Path.GetTempPath(), $"ao-runtime-tests-{RunId}");

    protected override Task<IContainerRuntime> CreateRuntimeAsync(string nodeName)
    {
        var runtime = DockerTestEngine.CreateRuntime(nodeName, StateDirectory);
        _runtimes.Add(runtime);
        return Task.FromResult<IContainerRuntime>(runtime);
    }

    protected override async Task CleanupAsync()
    {
        try
        {
            await DockerTestEngine.RemoveLabelledAsync(TestRunLabel, RunId);
        }
        finally
        {
            foreach (var runtime in _runtimes)
            {
                runtime.Dispose();
            }
            if (Directory.Exists(StateDirectory))
            {
                Directory.Delete(StateDirectory, recursive: true);
            }
        }
    }
}
