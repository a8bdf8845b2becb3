using ActorOrchestrator.NodeAgent.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.NodeAgent.Node;

/// <summary>The container runtime a node uses, and the version it reports for it.</summary>
public sealed record NodeRuntime(IContainerRuntime Runtime, string Version)
{
    public static NodeRuntime Create(AgentOptions options, IServiceProvider services)
    {
        var time = services.GetRequiredService<TimeProvider>();
        switch (options.Runtime)
        {
            case "docker":
                var docker = new DockerContainerRuntime(new DockerRuntimeOptions(options.NodeName)
                {
                    Endpoint = new Uri(options.DockerEndpoint),
                    StateDirectory = options.StateDirectory ?? "/var/lib/actororchestrator",
                }, time, services.GetRequiredService<ILogger<DockerContainerRuntime>>());
                var version = docker.RuntimeVersionAsync().GetAwaiter().GetResult();
                return new NodeRuntime(docker, version);
            case "fake":
                return new NodeRuntime(new FakeContainerRuntime(FakeEngine(options, time), options.NodeName), FakeVersion);
            default:
                throw new InvalidOperationException($"--runtime must be docker or fake, not '{options.Runtime}'");
        }
    }

    public static string FakeVersion => "fake://" + typeof(FakeContainerEngine).Assembly.GetName().Version;

    /// <summary>
    /// The simulated engine: the repository's images, and each call of a pod's life (sandbox, create, start,
    /// stop, remove) taking <see cref="AgentOptions.FakeLatency"/>, so pods start after a realistic delay.
    /// </summary>
    public static FakeContainerEngine FakeEngine(AgentOptions options, TimeProvider time) =>
        new FakeContainerEngine(time)
        {
            Latencies = FakeLatencies.None with
            {
                CreateSandbox = options.FakeLatency,
                Create = options.FakeLatency,
                Start = options.FakeLatency,
                Stop = options.FakeLatency,
                Remove = options.FakeLatency,
            },
        }.AddKnownImages();
}
