using Docker.DotNet;
using Docker.DotNet.Models;

namespace ActorOrchestrator.Bench.Infrastructure;

/// <summary>The local Docker engine through Docker.DotNet, the client the node agent uses; every call is bounded.</summary>
public sealed class DockerEngine : IDisposable
{
    public const string NodeLabel = "io.actororchestrator.node";
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private readonly DockerClientConfiguration _configuration;

    public DockerEngine(string endpoint = "unix:///var/run/docker.sock")
    {
        _configuration = new DockerClientConfiguration(new Uri(endpoint), defaultTimeout: Timeout.InfiniteTimeSpan);
        Client = _configuration.CreateClient();
    }

    public DockerClient Client { get; }

    /// <summary>A token for one engine call: the caller's, and at most <see cref="CallTimeout"/>.</summary>
    public static CancellationTokenSource CallToken(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(CallTimeout);
        return source;
    }

    public async Task<string> VersionAsync(CancellationToken cancellationToken)
    {
        using var call = CallToken(cancellationToken);
        return (await Client.System.GetVersionAsync(call.Token)).Version;
    }

    public async Task<bool> ImagePresentAsync(string image, CancellationToken cancellationToken)
    {
        using var call = CallToken(cancellationToken);
        try
        {
            await Client.Images.InspectImageAsync(image, call.Token);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Ids of every container (running or not) carrying the label <c>key=value</c>.</summary>
    public async Task<IReadOnlyList<ContainerListResponse>> ListAsync(string key, string value, CancellationToken cancellationToken)
    {
        using var call = CallToken(cancellationToken);
        return [.. await Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{key}={value}"] = true } },
        }, call.Token)];
    }

    /// <summary>Force-removes every container labelled <c>key=value</c>, joined containers before the sandboxes they join.</summary>
    public async Task<int> RemoveAllAsync(string key, string value, CancellationToken cancellationToken)
    {
        var containers = await ListAsync(key, value, cancellationToken);
        foreach (var group in containers.GroupBy(c => c.Labels.TryGetValue("io.actororchestrator.container", out var name) && name == "POD").OrderBy(g => g.Key))
        {
            await Task.WhenAll(group.Select(async c =>
            {
                using var call = CallToken(cancellationToken);
                try
                {
                    await Client.Containers.RemoveContainerAsync(c.ID, new ContainerRemoveParameters { Force = true }, call.Token);
                }
                catch (DockerContainerNotFoundException)
                {
                    // Gone already.
                }
            }));
        }
        return containers.Count;
    }

    public void Dispose()
    {
        Client.Dispose();
        _configuration.Dispose();
    }
}
