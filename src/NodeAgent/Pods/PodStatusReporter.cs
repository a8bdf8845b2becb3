using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>
/// Sends the pod's status to the control plane in the background (the kubelet's status manager): a pass
/// hands over the status it computed and goes on with the containers, never waiting for the round
/// trip. Only the newest status counts: one that comes while another is on its way replaces any
/// still waiting, and one equal to what the control plane holds (or is being sent) is not sent. A
/// failed send is retried when a later pass offers its status again (level-based).
/// </summary>
internal sealed class PodStatusReporter(IPodReporter reporter, TimeProvider time, TimeSpan timeout, ActivityTracker activity, ILogger logger) : IDisposable
{
    private readonly object _gate = new();
    private readonly CancellationTokenSource _disposed = new();
    private JsonObject? _accepted;
    private JsonObject? _latest;
    private (DesiredPod Pod, JsonObject Status)? _waiting;
    private Task _sending = Task.CompletedTask;
    private bool _running;

    /// <summary>What the control plane holds already (the stored status), so an unchanged pod is not reported again.</summary>
    public void Seed(JsonObject? stored)
    {
        lock (_gate)
        {
            _accepted ??= stored?.DeepClone() as JsonObject;
            _latest ??= _accepted;
        }
    }

    /// <summary>Queues <paramref name="status"/> unless the control plane has it or is being sent it; never waits.</summary>
    public void Offer(DesiredPod pod, JsonObject status)
    {
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested || (_latest is not null && JsonNode.DeepEquals(_latest, status)))
            {
                return;
            }
            _latest = (JsonObject)status.DeepClone();
            _waiting = (pod, _latest);
            if (!_running)
            {
                _running = true;
                activity.Enter();
                _sending = Task.Run(SendAsync);
            }
        }
    }

    /// <summary>Waits until what was offered so far has been sent (or failed): for steps that must follow the report.</summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _sending.WaitAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed.Cancel();
        }
    }

    private async Task SendAsync()
    {
        try
        {
            while (true)
            {
                (DesiredPod Pod, JsonObject Status) next;
                lock (_gate)
                {
                    if (_waiting is not { } waiting || _disposed.IsCancellationRequested)
                    {
                        _waiting = null;
                        _running = false;
                        return;
                    }
                    next = waiting;
                    _waiting = null;
                }
                await SendOneAsync(next.Pod, next.Status);
            }
        }
        finally
        {
            activity.Exit();
        }
    }

    private async Task SendOneAsync(DesiredPod pod, JsonObject status)
    {
        var token = _disposed.Token;
        try
        {
            await reporter.ReportStatusAsync(pod.Namespace, pod.Name, pod.Uid, (JsonObject)status.DeepClone(), token).WaitAsync(timeout, time, token);
            lock (_gate)
            {
                _accepted = status;
            }
            PodMetrics.StatusReports.Add(1, new KeyValuePair<string, object?>("outcome", "accepted"));
        }
        catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
        {
            logger.ReportFailed(pod.Ref.ToString(), e.Message);
            PodMetrics.StatusReports.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            lock (_gate)
            {
                // Unless something newer is queued, the next pass's offer of the same status sends it again.
                if (ReferenceEquals(_latest, status))
                {
                    _latest = _accepted;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The worker stopped: nobody waits for this status any more.
        }
    }
}
