using System.Globalization;

namespace ActorOrchestrator.NodeAgent.Runtime;

/// <summary>
/// The labels every container this runtime creates carries, and their parsed view. They are the
/// agent's memory: after a crash it rebuilds which pod, container and attempt each container is
/// from the engine alone, and sweeps labelled containers that no pod claims any more.
/// </summary>
public sealed record RuntimeLabels(
    string? PodUid,
    string? PodName,
    string? PodNamespace,
    string? Node,
    string? ContainerName,
    int RestartCount,
    int Attempt,
    IReadOnlyDictionary<string, string> All)
{
    private const string Prefix = "io.actororchestrator.";
    public const string PodUidKey = Prefix + "pod-uid";
    public const string PodNameKey = Prefix + "pod-name";
    public const string PodNamespaceKey = Prefix + "pod-namespace";
    public const string NodeKey = Prefix + "node";
    public const string ContainerKey = Prefix + "container";
    public const string RestartCountKey = Prefix + "restart-count";
    public const string AttemptKey = Prefix + "attempt";

    /// <summary>Informational: the container ports of the spec, e.g. <c>http:8080/TCP</c>.</summary>
    public const string PortsKey = Prefix + "ports";

    /// <summary>The value of <see cref="ContainerKey"/> on a pod's sandbox.</summary>
    public const string SandboxContainerName = "POD";

    public bool IsSandbox => ContainerName == SandboxContainerName;

    public static RuntimeLabels Parse(IDictionary<string, string>? labels)
    {
        var all = labels is null ? new Dictionary<string, string>() : new Dictionary<string, string>(labels);
        return new RuntimeLabels(
            all.GetValueOrDefault(PodUidKey),
            all.GetValueOrDefault(PodNameKey),
            all.GetValueOrDefault(PodNamespaceKey),
            all.GetValueOrDefault(NodeKey),
            all.GetValueOrDefault(ContainerKey),
            ParseInt(all.GetValueOrDefault(RestartCountKey)),
            ParseInt(all.GetValueOrDefault(AttemptKey)),
            all);
    }

    /// <summary>The labels for a new container: the caller's extras, then ours on top.</summary>
    public static Dictionary<string, string> Build(
        string node, PodRef pod, string containerName, int attempt, int restartCount,
        IReadOnlyDictionary<string, string>? extra, IReadOnlyList<ContainerPort>? ports = null)
    {
        var labels = extra is null ? new Dictionary<string, string>() : new Dictionary<string, string>(extra);
        labels[PodUidKey] = pod.Uid;
        labels[PodNameKey] = pod.Name;
        labels[PodNamespaceKey] = pod.Namespace;
        labels[NodeKey] = node;
        labels[ContainerKey] = containerName;
        labels[RestartCountKey] = restartCount.ToString(CultureInfo.InvariantCulture);
        labels[AttemptKey] = attempt.ToString(CultureInfo.InvariantCulture);
        if (ports is { Count: > 0 })
        {
            labels[PortsKey] = string.Join(",", ports);
        }
        return labels;
    }

    /// <summary>A filter selecting one pod's containers.</summary>
    public static IReadOnlyDictionary<string, string> ForPod(string podUid) =>
        new Dictionary<string, string> { [PodUidKey] = podUid };

    private static int ParseInt(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
