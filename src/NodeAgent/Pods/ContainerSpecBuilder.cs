using ActorOrchestrator.NodeAgent.Runtime;
using k8s.Models;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// Turns a container of the pod spec into the runtime's <see cref="ContainerSpec"/>: command and args
/// (expanded), environment, working directory, ports, cpu/memory limits and emptyDir mounts. What this
/// node cannot honour yet is skipped and listed in <see cref="Built.Warnings"/> for Warning events.
/// </summary>
internal sealed class ContainerSpecBuilder(PodManagerOptions options)
{
    public sealed record Built(ContainerSpec Spec, IReadOnlyList<(string Reason, string Message)> Warnings);

    public Built Build(DesiredPod pod, PodContainer container, SandboxInstance sandbox, int attempt, int restartCount)
    {
        var c = container.Spec;
        var warnings = new List<(string, string)>();
        var serviceEnv = options.ServiceEnvironment?.Invoke(pod.Namespace) ?? [];
        var env = EnvResolver.Resolve(pod, c, sandbox.PodIp, HostIp(pod), serviceEnv);
        warnings.AddRange(env.Warnings.Select(w => ("UnsupportedEnvVar", w)));
        var spec = new ContainerSpec(pod.Ref, sandbox.Id, container.Name, container.Image, attempt)
        {
            Command = [.. (c.Command ?? []).Select(part => EnvExpansion.Expand(part, env.Variables))],
            Args = [.. (c.Args ?? []).Select(part => EnvExpansion.Expand(part, env.Variables))],
            Env = env.Env,
            WorkingDir = string.IsNullOrEmpty(c.WorkingDir) ? null : c.WorkingDir,
            Ports = [.. (c.Ports ?? []).Select(p => new ContainerPort(p.ContainerPort, string.IsNullOrEmpty(p.Protocol) ? "TCP" : p.Protocol, string.IsNullOrEmpty(p.Name) ? null : p.Name))],
            Limits = Limits(c, warnings),
            VolumeMounts = Mounts(pod, c, warnings),
            RestartCount = restartCount,
        };
        return new Built(spec, warnings);
    }

    public string? HostIp(DesiredPod pod) => options.HostIp ?? pod.Model.Status?.HostIP;

    private static ResourceLimits Limits(V1Container c, List<(string, string)> warnings)
    {
        var limits = c.Resources?.Limits;
        var cpu = limits is not null && limits.TryGetValue("cpu", out var cpuQuantity) ? cpuQuantity?.ToString() : null;
        var memory = limits is not null && limits.TryGetValue("memory", out var memoryQuantity) ? memoryQuantity?.ToString() : null;
        try
        {
            return ResourceLimits.FromQuantities(cpu, memory);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            warnings.Add(("UnsupportedLimits", $"Resource limits of container {c.Name} ignored: {e.Message}"));
            return ResourceLimits.None;
        }
    }

    private static List<VolumeMount> Mounts(DesiredPod pod, V1Container c, List<(string, string)> warnings)
    {
        var volumes = (pod.Spec.Volumes ?? []).Where(v => !string.IsNullOrEmpty(v.Name)).GroupBy(v => v.Name).ToDictionary(g => g.Key, g => g.First());
        var mounts = new List<VolumeMount>();
        foreach (var mount in c.VolumeMounts ?? [])
        {
            if (!volumes.TryGetValue(mount.Name ?? "", out var volume))
            {
                warnings.Add(("FailedMount", $"Volume \"{mount.Name}\" of container {c.Name} is not defined in the pod"));
            }
            else if (volume.EmptyDir is null)
            {
                warnings.Add(("FailedMount", $"Volume \"{mount.Name}\" ({Kind(volume)}) of container {c.Name} skipped: only emptyDir volumes are supported on this node yet"));
            }
            else if (!string.IsNullOrEmpty(mount.SubPath) || !string.IsNullOrEmpty(mount.SubPathExpr))
            {
                warnings.Add(("FailedMount", $"Volume \"{mount.Name}\" of container {c.Name} skipped: subPath is not supported on this node yet"));
            }
            else
            {
                mounts.Add(new VolumeMount(mount.Name!, mount.MountPath, mount.ReadOnlyProperty ?? false));
            }
        }
        return mounts;
    }

    private static string Kind(V1Volume volume) =>
        typeof(V1Volume).GetProperties()
            .Where(p => p.Name != nameof(V1Volume.Name) && p.GetValue(volume) is not null)
            .Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..])
            .FirstOrDefault() ?? "unknown";
}
