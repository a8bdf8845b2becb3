using ActorOrchestrator.NodeAgent.Runtime;
using k8s.Models;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// A container's environment as the kubelet makes it: <c>env</c> in order with <c>$(VAR)</c>
/// expansion against the variables before it and the service links, <c>valueFrom.fieldRef</c> for
/// the pod's own fields, then the service links the container does not define itself.
/// </summary>
internal static class EnvResolver
{
    /// <summary>The fieldRef paths this node answers; the others are skipped with a warning.</summary>
    public static readonly IReadOnlySet<string> SupportedFieldPaths = new HashSet<string>
    {
        "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.podIP", "status.hostIP",
    };

    public sealed record Result(IReadOnlyList<EnvVar> Env, IReadOnlyDictionary<string, string> Variables, IReadOnlyList<string> Warnings);

    public static Result Resolve(DesiredPod pod, V1Container container, string? podIp, string? hostIp, IReadOnlyList<EnvVar> serviceEnv)
    {
        var warnings = new List<string>();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var env = new List<EnvVar>();
        if (container.EnvFrom is { Count: > 0 })
        {
            warnings.Add($"envFrom of container {container.Name} skipped: configMap and secret sources are not supported on this node yet");
        }
        var services = serviceEnv.GroupBy(e => e.Name).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        foreach (var variable in container.Env ?? [])
        {
            if (string.IsNullOrEmpty(variable.Name))
            {
                continue;
            }
            string value;
            if (variable.ValueFrom is { } source)
            {
                if (FieldValue(pod, source.FieldRef?.FieldPath, podIp, hostIp) is { } field)
                {
                    value = field;
                }
                else
                {
                    warnings.Add($"Environment variable {variable.Name} of container {container.Name} skipped: {Describe(source)} is not supported on this node");
                    continue;
                }
            }
            else
            {
                // Expansion sees the variables defined so far and the service links, as in the kubelet.
                value = EnvExpansion.Expand(variable.Value ?? "", new Lookup(variables, services));
            }
            variables[variable.Name] = value;
            env.Add(new EnvVar(variable.Name, value));
        }
        foreach (var (name, value) in services)
        {
            if (variables.TryAdd(name, value))
            {
                env.Add(new EnvVar(name, value));
            }
        }
        return new Result(env, variables, warnings);
    }

    private static string? FieldValue(DesiredPod pod, string? path, string? podIp, string? hostIp) => path switch
    {
        "metadata.name" => pod.Name,
        "metadata.namespace" => pod.Namespace,
        "metadata.uid" => pod.Uid,
        "spec.nodeName" => pod.NodeName ?? "",
        "spec.serviceAccountName" => pod.Spec.ServiceAccountName ?? "",
        "status.podIP" => podIp ?? "",
        "status.hostIP" => hostIp ?? "",
        _ => null,
    };

    private static string Describe(V1EnvVarSource source) => source switch
    {
        { FieldRef.FieldPath: { } path } => $"fieldRef {path}",
        { SecretKeyRef: not null } => "valueFrom.secretKeyRef",
        { ConfigMapKeyRef: not null } => "valueFrom.configMapKeyRef",
        { ResourceFieldRef: not null } => "valueFrom.resourceFieldRef",
        _ => "this valueFrom",
    };

    /// <summary>Earlier env first, then the service links: a read-only view without copying either.</summary>
    private sealed class Lookup(Dictionary<string, string> first, Dictionary<string, string> second) : IReadOnlyDictionary<string, string>
    {
        public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);
        public IEnumerable<string> Keys => first.Keys.Union(second.Keys);
        public IEnumerable<string> Values => Keys.Select(k => this[k]);
        public int Count => Keys.Count();
        public bool ContainsKey(string key) => first.ContainsKey(key) || second.ContainsKey(key);

        public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value) =>
            first.TryGetValue(key, out value) || second.TryGetValue(key, out value);

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => Keys.Select(k => new KeyValuePair<string, string>(k, this[k])).GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
