using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// Computes the pod's status JSON exactly as the kubelet reports it (field order of the Go types):
/// phase, conditions (whose <c>lastTransitionTime</c> moves only when their status does), host and pod
/// IPs, start time, init and regular container statuses, QoS class. Pure: same inputs, same JSON.
/// </summary>
internal static class PodStatusBuilder
{
    /// <param name="PodIsTerminal">Being deleted with every container stopped.</param>
    /// <param name="StoredStatus">The status as stored, for the scheduler's PodScheduled condition and the QoS class.</param>
    /// <param name="Previous">The status computed before, whose condition times carry over.</param>
    public sealed record Inputs(
        string RestartPolicy,
        IReadOnlyList<ContainerStatusView> InitContainers,
        IReadOnlyList<ContainerStatusView> Containers,
        string? HostIp,
        string? PodIp,
        bool SandboxReady,
        DateTimeOffset StartTime,
        PodTerminal? Terminal,
        bool PodIsTerminal,
        string QosClass,
        JsonObject? StoredStatus,
        JsonObject? Previous,
        DateTimeOffset Now);

    public static JsonObject Build(Inputs inputs)
    {
        var phase = inputs.Terminal?.Phase
            ?? PodPhaseRules.Compute(inputs.RestartPolicy, inputs.InitContainers, inputs.Containers, inputs.PodIsTerminal);
        var status = new JsonObject
        {
            ["phase"] = phase,
            ["conditions"] = Conditions(inputs, phase),
        };
        if (inputs.Terminal?.Message is { } message)
        {
            status["message"] = message;
        }
        if (inputs.Terminal?.Reason is { } reason)
        {
            status["reason"] = reason;
        }
        if (inputs.HostIp is { Length: > 0 } hostIp)
        {
            status["hostIP"] = hostIp;
            status["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = hostIp });
        }
        if (inputs.PodIp is { Length: > 0 } podIp)
        {
            status["podIP"] = podIp;
            status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = podIp });
        }
        status["startTime"] = Timestamps.Format(inputs.StartTime);
        if (inputs.InitContainers.Count > 0)
        {
            status["initContainerStatuses"] = new JsonArray([.. inputs.InitContainers.Select(ContainerStatus)]);
        }
        status["containerStatuses"] = new JsonArray([.. inputs.Containers.Select(ContainerStatus)]);
        status["qosClass"] = inputs.QosClass;
        return status;
    }

    private static JsonArray Conditions(Inputs inputs, string phase)
    {
        var terminal = phase is "Succeeded" or "Failed";
        var terminalReason = phase == "Failed" ? "PodFailed" : "PodCompleted";

        var initialized = inputs.InitContainers.Where(c => !c.Ready).Select(c => c.Name).ToList() switch
        {
            _ when phase == "Succeeded" => Condition("Initialized", true, "PodCompleted"),
            _ when inputs.Containers.Any(c => c.State is not ContainerStateView.Waiting || c.LastState is not null) => Condition("Initialized", true),
            { Count: > 0 } incomplete => Condition("Initialized", false, "ContainersNotInitialized", $"containers with incomplete status: {GoList(incomplete)}"),
            _ => Condition("Initialized", true),
        };

        var unready = inputs.Containers.Where(c => !c.Ready).Select(c => c.Name).ToList();
        var containersReady = terminal ? Condition("ContainersReady", false, terminalReason)
            : unready.Count > 0 ? Condition("ContainersReady", false, "ContainersNotReady", $"containers with unready status: {GoList(unready)}")
            : Condition("ContainersReady", true);
        var ready = containersReady with { Type = "Ready" };

        JsonObject[] conditions =
        [
            Json(Condition("PodReadyToStartContainers", inputs.SandboxReady), inputs),
            Json(initialized, inputs),
            Json(ready, inputs),
            Json(containersReady, inputs),
            Scheduled(inputs),
        ];
        return new JsonArray(conditions);
    }

    private static JsonObject Scheduled(Inputs inputs)
    {
        var stored = inputs.StoredStatus.Objects("conditions").FirstOrDefault(c => c.Str("type") == "PodScheduled");
        return stored is not null && stored.Str("status") == "True"
            ? (JsonObject)stored.DeepClone()
            : Json(Condition("PodScheduled", true), inputs with { Previous = null, Now = inputs.StartTime });
    }

    private static JsonObject Json(PodCondition condition, Inputs inputs)
    {
        var status = condition.Status ? "True" : "False";
        var before = inputs.Previous.Objects("conditions").FirstOrDefault(c => c.Str("type") == condition.Type)
            ?? inputs.StoredStatus.Objects("conditions").FirstOrDefault(c => c.Str("type") == condition.Type);
        var since = before is not null && before.Str("status") == status && before.Str("lastTransitionTime") is { Length: > 0 } kept
            ? kept
            : Timestamps.Format(inputs.Now);
        var json = new JsonObject
        {
            ["type"] = condition.Type,
            ["status"] = status,
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = since,
        };
        if (condition.Reason is not null)
        {
            json["reason"] = condition.Reason;
        }
        if (condition.Message is not null)
        {
            json["message"] = condition.Message;
        }
        return json;
    }

    private static JsonObject ContainerStatus(ContainerStatusView c)
    {
        var json = new JsonObject
        {
            ["name"] = c.Name,
            ["state"] = State(c.State),
            ["lastState"] = c.LastState is null ? new JsonObject() : State(c.LastState),
            ["ready"] = c.Ready,
            ["restartCount"] = c.RestartCount,
            ["image"] = c.Image,
            ["imageID"] = c.ImageId,
        };
        if (c.ContainerId is not null)
        {
            json["containerID"] = c.ContainerId;
        }
        json["started"] = c.Started;
        return json;
    }

    private static JsonObject State(ContainerStateView state) => state switch
    {
        ContainerStateView.Waiting w => new JsonObject { ["waiting"] = WithOptional(new JsonObject { ["reason"] = w.Reason }, "message", w.Message) },
        ContainerStateView.Running r => new JsonObject { ["running"] = new JsonObject { ["startedAt"] = Timestamps.Format(r.StartedAt) } },
        ContainerStateView.Terminated t => new JsonObject { ["terminated"] = Terminated(t) },
        _ => new JsonObject(),
    };

    private static JsonObject Terminated(ContainerStateView.Terminated t)
    {
        var json = new JsonObject { ["exitCode"] = t.ExitCode, ["reason"] = t.Reason };
        WithOptional(json, "message", t.Message);
        json["startedAt"] = t.StartedAt is { } started ? Timestamps.Format(started) : null;
        json["finishedAt"] = t.FinishedAt is { } finished ? Timestamps.Format(finished) : null;
        return WithOptional(json, "containerID", t.ContainerId);
    }

    private static JsonObject WithOptional(JsonObject json, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json[name] = value;
        }
        return json;
    }

    /// <summary>Go's <c>%s</c> of a string slice: <c>[a b]</c>.</summary>
    private static string GoList(IEnumerable<string> names) => $"[{string.Join(' ', names)}]";

    private static PodCondition Condition(string type, bool status, string? reason = null, string? message = null) => new(type, status, reason, message);

    private sealed record PodCondition(string Type, bool Status, string? Reason, string? Message);
}
