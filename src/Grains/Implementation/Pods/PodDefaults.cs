using System.Text.Json.Nodes;

namespace ActorOrchestrator.Grains.Pods;

/// <summary>
/// The defaults Kubernetes fills into a pod spec (SetDefaults_PodSpec, SetDefaults_Container, probes
/// and the DefaultTolerationSeconds admission), so that <c>-o yaml</c> shows what a user expects.
/// </summary>
public static class PodDefaults
{
    public const long DefaultGracePeriodSeconds = 30;

    /// <param name="tolerationSeconds">How long the pod tolerates an unready or unreachable node, unless it says;
    /// null for pod templates, which Kubernetes' admission leaves alone (only pods get these tolerations).</param>
    public static void Apply(JsonObject spec, long? tolerationSeconds)
    {
        SetIfMissing(spec, "restartPolicy", "Always");
        SetIfMissing(spec, "terminationGracePeriodSeconds", DefaultGracePeriodSeconds);
        SetIfMissing(spec, "dnsPolicy", "ClusterFirst");
        SetIfMissing(spec, "schedulerName", "default-scheduler");
        SetIfMissing(spec, "securityContext", new JsonObject());
        SetIfMissing(spec, "serviceAccountName", "default");
        SetIfMissing(spec, "serviceAccount", spec["serviceAccountName"]!.DeepClone());
        SetIfMissing(spec, "enableServiceLinks", true);
        SetIfMissing(spec, "priority", 0);
        foreach (var list in new[] { "initContainers", "containers" })
        {
            if (spec[list] is not JsonArray containers) continue;
            foreach (var container in containers.OfType<JsonObject>()) ApplyToContainer(container);
        }
        if (spec["volumes"] is JsonArray volumes)
        {
            foreach (var volume in volumes.OfType<JsonObject>())
            {
                if (volume["secret"] is JsonObject secret) SetIfMissing(secret, "defaultMode", 420);
                if (volume["configMap"] is JsonObject configMap) SetIfMissing(configMap, "defaultMode", 420);
            }
        }
        if (tolerationSeconds is { } seconds) AddDefaultTolerations(spec, seconds);
    }

    private static void ApplyToContainer(JsonObject container)
    {
        SetIfMissing(container, "imagePullPolicy", PullPolicyFor(container["image"]?.GetValue<string>() ?? ""));
        SetIfMissing(container, "terminationMessagePath", "/dev/termination-log");
        SetIfMissing(container, "terminationMessagePolicy", "File");
        SetIfMissing(container, "resources", new JsonObject());
        if (container["ports"] is JsonArray ports)
        {
            foreach (var port in ports.OfType<JsonObject>()) SetIfMissing(port, "protocol", "TCP");
        }
        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            if (container[probe] is JsonObject p) ApplyToProbe(p);
        }
    }

    private static void ApplyToProbe(JsonObject probe)
    {
        SetIfMissing(probe, "timeoutSeconds", 1);
        SetIfMissing(probe, "periodSeconds", 10);
        SetIfMissing(probe, "successThreshold", 1);
        SetIfMissing(probe, "failureThreshold", 3);
        if (probe["httpGet"] is JsonObject http)
        {
            SetIfMissing(http, "path", "/");
            SetIfMissing(http, "scheme", "HTTP");
        }
    }

    /// <summary>Images without a tag or tagged <c>latest</c> are pulled every time; others only when absent.</summary>
    public static string PullPolicyFor(string image)
    {
        if (image.Contains('@')) return "IfNotPresent";
        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        if (colon < 0) return "Always";
        return image[(colon + 1)..] == "latest" ? "Always" : "IfNotPresent";
    }

    private static void AddDefaultTolerations(JsonObject spec, long tolerationSeconds)
    {
        if (spec["tolerations"] is not JsonArray tolerations) spec["tolerations"] = tolerations = [];
        foreach (var key in new[] { "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable" })
        {
            var present = tolerations.OfType<JsonObject>().Any(t =>
                t["key"]?.GetValue<string>() == key && t["effect"]?.GetValue<string>() is null or "NoExecute");
            if (!present)
            {
                tolerations.Add(new JsonObject
                {
                    ["effect"] = "NoExecute",
                    ["key"] = key,
                    ["operator"] = "Exists",
                    ["tolerationSeconds"] = tolerationSeconds,
                });
            }
        }
    }

    private static void SetIfMissing(JsonObject obj, string property, JsonNode? value)
    {
        if (obj[property] is null) obj[property] = value;
    }
}
