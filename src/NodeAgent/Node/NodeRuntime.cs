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
                var engine = new FakeContainerEngine(time).AddKnownImages();
                return new NodeRuntime(new FakeContainerRuntime(engine, options.NodeName), "fake://" + typeof(FakeContainerEngine).Assembly.GetName().Version);
            default:
                throw new InvalidOperationException($"--runtime must be docker or fake, not '{options.Runtime}'");
        }
    }
}
