using System.Globalization;
using Docker.DotNet.Models;

namespace ActorOrchestrator.NodeAgent.Runtime;

public sealed partial class DockerContainerRuntime
{
    private const string NeverTime = "0001-01-01T00:00:00Z";

    public async Task<string> CreateContainerAsync(ContainerSpec spec, CancellationToken cancellationToken = default)
    {
        ValidatePod(spec.Pod);
        ArgumentException.ThrowIfNullOrWhiteSpace(spec.SandboxId);
        ArgumentException.ThrowIfNullOrWhiteSpace(spec.Name);
        ArgumentException.ThrowIfNullOrWhiteSpace(spec.Image);
        var name = ContainerNames.For(NodeName, spec.Pod, spec.Name, spec.Attempt);
        var parameters = new CreateContainerParameters
        {
            Name = name,
            Image = spec.Image,
            // Kubernetes command/args are Docker's entrypoint/cmd; empty means "the image's".
            Entrypoint = spec.Command.Count > 0 ? [.. spec.Command] : null,
            Cmd = spec.Args.Count > 0 ? [.. spec.Args] : null,
            Env = [.. spec.Env.Select(e => $"{e.Name}={e.Value}")],
            WorkingDir = spec.WorkingDir,
            Labels = RuntimeLabels.Build(NodeName, spec.Pod, spec.Name, spec.Attempt, spec.RestartCount ?? spec.Attempt, spec.Labels, spec.Ports),
            HostConfig = new HostConfig
            {
                // Joining the sandbox: same IP, same localhost, the sandbox's hostname.
                NetworkMode = $"container:{spec.SandboxId}",
                IpcMode = $"container:{spec.SandboxId}",
                Mounts = [.. spec.VolumeMounts.Select(m => new Mount
                {
                    Type = "bind",
                    Source = _pods.EnsureEmptyDir(spec.Pod.Uid, m.VolumeName),
                    Target = m.MountPath,
                    ReadOnly = m.ReadOnly,
                })],
                NanoCPUs = spec.Limits.NanoCpus ?? 0,
                Memory = spec.Limits.MemoryBytes ?? 0,
                // Equal to Memory: no swap, so exceeding the limit is an OOM kill as in Kubernetes.
                MemorySwap = spec.Limits.MemoryBytes ?? 0,
                LogConfig = LogConfig(),
            },
        };
        var created = await CallAsync("create container", name, token => _client.Containers.CreateContainerAsync(parameters, token), cancellationToken);
        return created.ID;
    }

    public async Task StartContainerAsync(string containerId, CancellationToken cancellationToken = default)
    {
        try
        {
            await CallAsync("start", containerId, token => _client.Containers.StartContainerAsync(containerId, new ContainerStartParameters(), token), cancellationToken);
        }
        catch (ContainerRuntimeException e) when (e.Reason == ContainerRuntimeErrorReason.EngineError)
        {
            throw new ContainerRuntimeException(ContainerRuntimeErrorReason.StartFailed, e.Message, e.InnerException);
        }
    }

    public Task StopContainerAsync(string containerId, TimeSpan gracePeriod, CancellationToken cancellationToken = default)
    {
        // Docker counts the grace period in whole seconds; round up so nobody gets less than asked.
        var seconds = (uint)Math.Ceiling(Math.Max(0, gracePeriod.TotalSeconds));
        var timeout = TimeSpan.FromSeconds(seconds) + _options.OperationTimeout;
        return CallAsync("stop", containerId, timeout, token =>
            _client.Containers.StopContainerAsync(containerId, new ContainerStopParameters { WaitBeforeKillSeconds = seconds }, token), cancellationToken);
    }

    public async Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken = default)
    {
        try
        {
            await CallAsync("remove", containerId, token =>
                _client.Containers.RemoveContainerAsync(containerId, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, token), cancellationToken);
        }
        catch (ContainerRuntimeException e) when (e.Reason == ContainerRuntimeErrorReason.ContainerNotFound
            || (e.Reason == ContainerRuntimeErrorReason.InvalidState && e.Message.Contains("already in progress", StringComparison.Ordinal)))
        {
            // Already gone (or going): removal is idempotent.
        }
    }

    public async Task<ContainerStatus> InspectContainerAsync(string containerId, CancellationToken cancellationToken = default)
    {
        var inspected = await CallAsync("inspect", containerId, token => _client.Containers.InspectContainerAsync(containerId, token), cancellationToken);
        var state = inspected.State;
        var status = StateOf(state?.Status);
        var startedAt = ParseTime(state?.StartedAt);
        var finishedAt = ParseTime(state?.FinishedAt);
        // Docker stamps StartedAt after the start call returns, so a process that exits at once can
        // show a FinishedAt a little before it; nothing downstream should see time run backwards.
        if (startedAt > finishedAt)
        {
            startedAt = finishedAt;
        }
        return new ContainerStatus(
            inspected.ID,
            inspected.Name.TrimStart('/'),
            inspected.Config?.Image ?? inspected.Image,
            status,
            status == ContainerState.Exited ? (int?)state?.ExitCode : null,
            state?.OOMKilled ?? false,
            startedAt,
            finishedAt,
            string.IsNullOrEmpty(state?.Error) ? null : state.Error,
            RuntimeLabels.Parse(inspected.Config?.Labels))
        {
            ImageId = string.IsNullOrEmpty(inspected.Image) ? null : inspected.Image,
            IpAddress = status == ContainerState.Running ? AddressOf(inspected) : null,
        };
    }

    public async Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(
        IReadOnlyDictionary<string, string>? labelFilter = null, CancellationToken cancellationToken = default)
    {
        var labels = new Dictionary<string, bool> { [$"{RuntimeLabels.NodeKey}={NodeName}"] = true };
        foreach (var (key, value) in labelFilter ?? new Dictionary<string, string>())
        {
            if (key != RuntimeLabels.NodeKey)
            {
                labels[$"{key}={value}"] = true;
            }
        }
        var parameters = new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = labels },
        };
        var listed = await CallAsync("list", NodeName, token => _client.Containers.ListContainersAsync(parameters, token), cancellationToken);
        return [.. listed
            .Select(c => new ContainerSummary(
                c.ID,
                c.Names?.FirstOrDefault()?.TrimStart('/') ?? c.ID,
                c.Image,
                StateOf(c.State),
                new DateTimeOffset(DateTime.SpecifyKind(c.Created, DateTimeKind.Utc)),
                RuntimeLabels.Parse(c.Labels)))
            // A filter asking for another node's label matches nothing here, by construction.
            .Where(c => labelFilter is null || !labelFilter.TryGetValue(RuntimeLabels.NodeKey, out var node) || node == NodeName)];
    }

    internal static ContainerState StateOf(string? dockerState) => dockerState switch
    {
        "created" => ContainerState.Created,
        "running" or "paused" or "restarting" => ContainerState.Running,
        "exited" or "dead" or "removing" => ContainerState.Exited,
        _ => ContainerState.Unknown,
    };

    /// <summary>Docker's RFC3339Nano, truncated (never rounded up) to .NET's 100 ns ticks; null for Docker's zero time.</summary>
    internal static DateTimeOffset? ParseTime(string? value)
    {
        if (string.IsNullOrEmpty(value) || value == NeverTime)
        {
            return null;
        }
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < value.Length && char.IsAsciiDigit(value[end]))
            {
                end++;
            }
            if (end - dot - 1 > 7)
            {
                value = string.Concat(value.AsSpan(0, dot + 8), value.AsSpan(end));
            }
        }
        return DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }
}
