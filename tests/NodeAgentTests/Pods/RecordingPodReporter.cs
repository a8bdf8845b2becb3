using System.Text.Json.Nodes;
using ActorOrchestrator.NodeAgent.Pods;
using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgentTests.Pods;

/// <summary>An <see cref="IPodReporter"/> that remembers everything, and can be made to fail like an absent control plane.</summary>
public sealed class RecordingPodReporter(TimeProvider time) : IPodReporter
{
    private readonly object _gate = new();
    private readonly List<ReportedStatus> _statuses = [];
    private readonly List<RecordedEvent> _events = [];
    private readonly List<(string Uid, DateTimeOffset At)> _confirmations = [];

    /// <summary>While true, status reports and confirmations throw.</summary>
    public bool Unreachable { get; set; }

    public Task ReportStatusAsync(string ns, string name, string uid, JsonObject status, CancellationToken cancellationToken)
    {
        if (Unreachable)
        {
            throw new HttpRequestException("control plane unreachable (test)");
        }
        lock (_gate)
        {
            _statuses.Add(new ReportedStatus(ns, name, uid, status, time.GetUtcNow()));
        }
        return Task.CompletedTask;
    }

    public void RecordEvent(PodRef pod, string type, string reason, string message, string? fieldPath = null)
    {
        lock (_gate)
        {
            _events.Add(new RecordedEvent(pod.Name, type, reason, message, fieldPath, time.GetUtcNow()));
        }
    }

    public Task ConfirmDeletedAsync(string ns, string name, string uid, CancellationToken cancellationToken)
    {
        if (Unreachable)
        {
            throw new HttpRequestException("control plane unreachable (test)");
        }
        lock (_gate)
        {
            _confirmations.Add((uid, time.GetUtcNow()));
        }
        return Task.CompletedTask;
    }

    public IReadOnlyList<ReportedStatus> Statuses(string name)
    {
        lock (_gate)
        {
            return [.. _statuses.Where(s => s.Name == name)];
        }
    }

    public JsonObject? Latest(string name) => Statuses(name) is { Count: > 0 } all ? all[^1].Status : null;

    public IReadOnlyList<RecordedEvent> Events(string name)
    {
        lock (_gate)
        {
            return [.. _events.Where(e => e.Pod == name)];
        }
    }

    public IReadOnlyList<(string Uid, DateTimeOffset At)> Confirmations
    {
        get
        {
            lock (_gate)
            {
                return [.. _confirmations];
            }
        }
    }
}

public sealed record ReportedStatus(string Namespace, string Name, string Uid, JsonObject Status, DateTimeOffset At);

public sealed record RecordedEvent(string Pod, string Type, string Reason, string Message, string? FieldPath, DateTimeOffset At)
{
    public override string ToString() => $"{Type} {Reason} {FieldPath}: {Message}";
}
