using System.Text;

namespace ActorOrchestrator.NodeAgent.Runtime;

/// <summary>
/// Engine-side names, <c>ao_&lt;node&gt;_&lt;namespace&gt;_&lt;pod&gt;_&lt;container&gt;_&lt;attempt&gt;</c>, so people
/// can read <c>docker ps</c>. Labels, not names, are what the agent trusts; names only need to be
/// unique per attempt (a name clash means that attempt already exists).
/// </summary>
public static class ContainerNames
{
    public static string For(string node, PodRef pod, string containerName, int attempt) =>
        string.Join('_', "ao", Sanitize(node), Sanitize(pod.Namespace), Sanitize(pod.Name), Sanitize(containerName), attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string ForSandbox(string node, PodRef pod, int attempt) =>
        For(node, pod, RuntimeLabels.SandboxContainerName, attempt);

    /// <summary>Like the kubelet: a pod's hostname is its name cut to 63 characters, not ending in '-' or '.'.</summary>
    public static string Hostname(string podName) =>
        (podName.Length > 63 ? podName[..63] : podName).TrimEnd('-', '.');

    /// <summary>
    /// Keeps <c>[A-Za-z0-9.-]</c> and replaces anything else with <c>-</c>: Docker allows
    /// <c>[a-zA-Z0-9_.-]</c>, and <c>_</c> is reserved here as the separator.
    /// </summary>
    public static string Sanitize(string part)
    {
        if (string.IsNullOrEmpty(part))
        {
            return "-";
        }
        var builder = new StringBuilder(part.Length);
        foreach (var c in part)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-');
        }
        return builder.ToString();
    }
}
