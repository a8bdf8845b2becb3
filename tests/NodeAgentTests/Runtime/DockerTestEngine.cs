using ActorOrchestrator.NodeAgent.Runtime;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ActorOrchestrator.NodeAgentTests.Runtime;

/// <summary>The Docker engine the tests use (AO_DOCKER_HOST, as deploy/test.sh exports it) and cleanup by label.</summary>
public static class DockerTestEngine
{
    public static Uri Endpoint { get; } = new(Environment.GetEnvironmentVariable("AO_DOCKER_HOST") is { Length: > 0 } host ? host : "unix:///var/run/docker.sock");

    public static DockerContainerRuntime CreateRuntime(string nodeName, string stateDirectory, TimeSpan? operationTimeout = null) =>
        new(new DockerRuntimeOptions(nodeName)
        {
            Endpoint = Endpoint,
            StateDirectory = stateDirectory,
            OperationTimeout = operationTimeout ?? TimeSpan.FromSeconds(30),
            PullTimeout = TimeSpan.FromSeconds(30),
        });

    /// <summary>Force-removes every container carrying the label, on every node.</summary>
    public static async Task RemoveLabelledAsync(string key, string value)
    {
        using var configuration = new DockerClientConfiguration(Endpoint);
        using var client = configuration.CreateClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var containers = await client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{key}={value}"] = true } },
        }, timeout.Token);
        foreach (var container in containers)
        {
            try
            {
                await client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, timeout.Token);
            }
            catch (DockerContainerNotFoundException)
            {
                // Already gone.
            }
        }
    }

    public static async Task<ContainerInspectResponse> InspectAsync(string id)
    {
        using var configuration = new DockerClientConfiguration(Endpoint);
        using var client = configuration.CreateClient();
        return await client.Containers.InspectContainerAsync(id);
    }
}
