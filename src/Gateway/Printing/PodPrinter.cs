using ActorOrchestrator.Api.Objects;
using System.Text.Json.Nodes;
using k8s.Models;

namespace ActorOrchestrator.Gateway.Printing;

/// <summary>
/// Pods: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED-NODE READINESS-GATES. STATUS is
/// Kubernetes' aggregate reason (printPod): the phase or pod reason, overridden by init container
/// progress (<c>Init:1/2</c>, <c>Init:CrashLoopBackOff</c>), then by the last container's waiting or
/// terminated reason (<c>ContainerCreating</c>, <c>CrashLoopBackOff</c>, <c>Completed</c>), and by
/// <c>Terminating</c> while a deletion is pending.
/// </summary>
internal sealed class PodPrinter : ResourcePrinter
{
    private static readonly TableColumn[] ColumnList =
    [
        StandardColumns.Name(),
        StandardColumns.String("Ready", "The aggregate readiness state of this pod for accepting traffic."),
        StandardColumns.String("Status", "The aggregate status of the containers in this pod."),
        StandardColumns.String("Restarts", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        StandardColumns.Age(),
        StandardColumns.String("IP", StandardColumns.Doc<V1PodStatus>("podIP"), 1),
        StandardColumns.String("Node", StandardColumns.Doc<V1PodSpec>("nodeName"), 1),
        StandardColumns.String("Nominated Node", StandardColumns.Doc<V1PodStatus>("nominatedNodeName"), 1),
        StandardColumns.String("Readiness Gates", StandardColumns.Doc<V1PodSpec>("readinessGates"), 1),
    ];

    public override IReadOnlyList<TableColumn> Columns => ColumnList;

    public override IEnumerable<JsonNode?> Cells(JsonObject pod, DateTimeOffset now)
    {
        var spec = pod["spec"];
        var status = pod["status"];
        var phase = status.Text("phase");
        var reason = status.Str("reason") is { Length: > 0 } podReason ? podReason : phase;

        if (status.Objects("conditions").Any(c => c.Text("type") == "PodScheduled" && c.Text("reason") == "SchedulingGated"))
        {
            reason = "SchedulingGated";
        }

        var initSpecs = spec.Objects("initContainers");
        // Sidecars (restartable init containers) count as containers of the pod.
        var restartableInit = initSpecs.Where(c => c.Text("restartPolicy") == "Always").Select(c => c.Text("name")).ToHashSet();
        var totalContainers = spec.Count("containers") + restartableInit.Count;
        var readyContainers = 0;
        long restarts = 0;
        long sidecarRestarts = 0;
        DateTimeOffset? lastRestart = null;
        DateTimeOffset? lastSidecarRestart = null;

        var initializing = false;
        var initStatuses = status.Objects("initContainerStatuses");
        for (var i = 0; i < initStatuses.Count; i++)
        {
            var container = initStatuses[i];
            var restartCount = container.Num("restartCount") ?? 0;
            var finishedAt = container.Time("lastState", "terminated", "finishedAt");
            restarts += restartCount;
            lastRestart = Latest(lastRestart, finishedAt);
            var isSidecar = restartableInit.Contains(container.Text("name"));
            if (isSidecar)
            {
                sidecarRestarts += restartCount;
                lastSidecarRestart = Latest(lastSidecarRestart, finishedAt);
            }

            var terminated = container.At("state", "terminated");
            var waiting = container.At("state", "waiting");
            if (terminated is not null && (terminated.Num("exitCode") ?? 0) == 0) continue;
            if (isSidecar && container.Flag("started") == true)
            {
                if (container.Flag("ready") == true) readyContainers++;
                continue;
            }
            if (terminated is not null)
            {
                reason = terminated.Str("reason") is { Length: > 0 } terminatedReason
                    ? "Init:" + terminatedReason
                    : terminated.Num("signal") is { } signal and not 0 ? $"Init:Signal:{signal}" : $"Init:ExitCode:{terminated.Num("exitCode") ?? 0}";
            }
            else if (waiting.Str("reason") is { Length: > 0 } waitingReason && waitingReason != "PodInitializing")
            {
                reason = "Init:" + waitingReason;
            }
            else
            {
                reason = $"Init:{i}/{initSpecs.Count}";
            }
            initializing = true;
            break;
        }

        if (!initializing || IsInitialized(status))
        {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            var hasRunning = false;
            var statuses = status.Objects("containerStatuses");
            // Walk backwards so the first container's state has the last word, as Kubernetes does.
            for (var i = statuses.Count - 1; i >= 0; i--)
            {
                var container = statuses[i];
                restarts += container.Num("restartCount") ?? 0;
                lastRestart = Latest(lastRestart, container.Time("lastState", "terminated", "finishedAt"));
                var terminated = container.At("state", "terminated");
                if (container.Str("state", "waiting", "reason") is { Length: > 0 } waitingReason)
                {
                    reason = waitingReason;
                }
                else if (terminated is not null && terminated.Str("reason") is { Length: > 0 } terminatedReason)
                {
                    reason = terminatedReason;
                }
                else if (terminated is not null)
                {
                    reason = terminated.Num("signal") is { } signal and not 0 ? $"Signal:{signal}" : $"ExitCode:{terminated.Num("exitCode") ?? 0}";
                }
                else if (container.Flag("ready") == true && container.At("state", "running") is not null)
                {
                    hasRunning = true;
                    readyContainers++;
                }
            }

            // A pod whose last container completed while another still runs is not done yet.
            if (reason == "Completed" && hasRunning)
            {
                reason = HasCondition(status, "Ready") ? "Running" : "NotReady";
            }
        }

        if (pod.At("metadata", "deletionTimestamp") is not null)
        {
            if (status.Text("reason") == "NodeLost") reason = "Unknown";
            else if (phase is not ("Succeeded" or "Failed")) reason = "Terminating";
        }

        var restartsText = restarts != 0 && lastRestart is { } last
            ? $"{restarts} ({HumanDuration.Since(last, now)} ago)"
            : restarts.ToString(System.Globalization.CultureInfo.InvariantCulture);

        yield return Name(pod);
        yield return $"{readyContainers}/{totalContainers}";
        yield return reason;
        yield return restartsText;
        yield return Age(pod, now);
        yield return OrNone(PodIp(status));
        yield return OrNone(spec.Text("nodeName"));
        yield return OrNone(status.Text("nominatedNodeName"));
        yield return ReadinessGates(spec, status);
    }

    public override JsonArray? Conditions(JsonObject pod) => pod.Text("status", "phase") switch
    {
        "Succeeded" => Completed("Succeeded", "The pod has completed successfully."),
        "Failed" => Completed("Failed", "The pod failed."),
        _ => null,
    };

    private static JsonArray Completed(string reason, string message) => new(new JsonObject
    {
        ["type"] = "Completed",
        ["status"] = "True",
        ["reason"] = reason,
        ["message"] = message,
    });

    /// <summary>
    /// The first of <c>status.podIPs</c>; <c>status.podIP</c> when the list is missing (kube-apiserver
    /// keeps both in step, our writers may set only the single one).
    /// </summary>
    private static string PodIp(JsonNode? status) =>
        status.Objects("podIPs") is [var first, ..] && first.Text("ip") is { Length: > 0 } ip ? ip : status.Text("podIP");

    private static string ReadinessGates(JsonNode? spec, JsonNode? status)
    {
        var gates = spec.Objects("readinessGates");
        if (gates.Count == 0) return "<none>";
        var conditions = status.Objects("conditions");
        var ready = gates.Count(g => conditions.FirstOrDefault(c => c.Text("type") == g.Text("conditionType"))?.Text("status") == "True");
        return $"{ready}/{gates.Count}";
    }

    private static bool IsInitialized(JsonNode? status) =>
        status.Objects("conditions").FirstOrDefault(c => c.Text("type") == "Initialized")?.Text("status") == "True";

    private static bool HasCondition(JsonNode? status, string type) =>
        status.Objects("conditions").Any(c => c.Text("type") == type && c.Text("status") == "True");

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => b is null || (a is not null && a >= b) ? a : b;

    private static string OrNone(string value) => value.Length == 0 ? "<none>" : value;
}
