using Docker.DotNet.Models;

namespace ActorOrchestrator.NodeAgent.Runtime;

public sealed partial class DockerContainerRuntime
{
    public async Task<PodSandbox> CreatePodSandboxAsync(PodSandboxSpec spec, CancellationToken cancellationToken = default)
    {
        ValidatePod(spec.Pod);
        var name = ContainerNames.ForSandbox(NodeName, spec.Pod, spec.Attempt);
        var parameters = new CreateContainerParameters
        {
            Name = name,
            Image = spec.Image ?? _options.PauseImage,
            Hostname = ContainerNames.Hostname(spec.Pod.Name),
            Labels = RuntimeLabels.Build(NodeName, spec.Pod, RuntimeLabels.SandboxContainerName, spec.Attempt, spec.Attempt, spec.Labels),
            HostConfig = new HostConfig
            {
                NetworkMode = _options.Network,
                // Containers of the pod join this IPC namespace too; Docker only allows that for "shareable".
                IpcMode = "shareable",
                LogConfig = LogConfig(),
            },
        };
        _pods.PodDirectory(spec.Pod.Uid); // validates the uid before anything exists
        var created = await CallAsync("create sandbox", name, token => _client.Containers.CreateContainerAsync(parameters, token), cancellationToken);
        try
        {
            await StartContainerAsync(created.ID, cancellationToken);
            var inspected = await CallAsync("inspect sandbox", name, token => _client.Containers.InspectContainerAsync(created.ID, token), cancellationToken);
            var podIp = PodIp(inspected);
            LogSandboxCreated(name, created.ID, podIp);
            return new PodSandbox(created.ID, name, podIp);
        }
        catch
        {
            // A sandbox that did not come up is of no use to anyone: do not leave it behind.
            await RemoveQuietlyAsync(created.ID);
            throw;
        }
    }

    public async Task<int> RemovePodAsync(string podUid, CancellationToken cancellationToken = default)
    {
        var containers = await ListContainersAsync(RuntimeLabels.ForPod(podUid), cancellationToken);
        // Application containers first, the sandbox holding their namespaces last.
        foreach (var container in containers.OrderBy(c => c.Labels.IsSandbox))
        {
            await RemoveContainerAsync(container.Id, cancellationToken);
        }
        _pods.RemovePod(podUid);
        LogPodRemoved(podUid, containers.Count);
        return containers.Count;
    }

    private string PodIp(ContainerInspectResponse inspected) =>
        AddressOf(inspected)
        ?? throw new ContainerRuntimeException(ContainerRuntimeErrorReason.EngineError, $"sandbox {inspected.Name} has no address on network {_options.Network}");

    /// <summary>The container's address on the pods' network; null for a container joining another's namespace.</summary>
    private string? AddressOf(ContainerInspectResponse inspected)
    {
        var settings = inspected.NetworkSettings;
        if (settings?.Networks is { } networks && networks.TryGetValue(_options.Network, out var network) && !string.IsNullOrEmpty(network.IPAddress))
        {
            return network.IPAddress;
        }
        return string.IsNullOrEmpty(settings?.IPAddress) ? null : settings.IPAddress;
    }

    private async Task RemoveQuietlyAsync(string containerId)
    {
        try
        {
            await RemoveContainerAsync(containerId, CancellationToken.None);
        }
        catch (ContainerRuntimeException)
        {
            // Best effort: the dangling-container sweep finds it by its labels.
        }
    }

    private static void ValidatePod(PodRef pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentException.ThrowIfNullOrWhiteSpace(pod.Uid);
        ArgumentException.ThrowIfNullOrWhiteSpace(pod.Namespace);
        ArgumentException.ThrowIfNullOrWhiteSpace(pod.Name);
    }
}
