using System.Globalization;
using System.Text;
using ActorOrchestrator.NodeAgent.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ActorOrchestrator.NodeAgent.Streaming;

/// <summary>
/// <c>GET /containerLogs/{ns}/{pod}/{container}</c>: the container's output as <c>text/plain</c>, one
/// line per line (prefixed by its RFC3339Nano time with <c>timestamps</c>). With <c>follow</c> the answer
/// is chunked, flushed line by line, and ends when the container stops or the client leaves.
/// </summary>
internal sealed class ContainerLogsHandler(IContainerLocator locator, IContainerRuntime runtime, TimeProvider time)
{
    public async Task HandleAsync(HttpContext http, string ns, string pod, string? container)
    {
        var query = http.Request.Query;
        container ??= StreamingQuery.Text(query, "container");
        var previous = StreamingQuery.Flag(query, "previous");
        if (locator.Find(ns, pod, container, previous) is not { } target)
        {
            if (previous && locator.Find(ns, pod, container, false) is { } current)
            {
                await AgentErrors.BadRequest(http, $"previous terminated container \"{current.ContainerName}\" in pod \"{pod}\" not found");
            }
            else
            {
                await AgentErrors.Missing(http, locator, ns, pod, container);
            }
            return;
        }
        if (!TryReadOptions(query, out var options, out var limitBytes, out var problem))
        {
            await AgentErrors.BadRequest(http, problem);
            return;
        }

        http.Response.StatusCode = 200;
        http.Response.ContentType = "text/plain";
        if (options.Follow)
        {
            // Headers now: a follower may wait long for the first line.
            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await http.Response.StartAsync(http.RequestAborted);
            await http.Response.Body.FlushAsync(http.RequestAborted);
        }
        var remaining = limitBytes ?? long.MaxValue;
        try
        {
            await foreach (var line in runtime.GetLogsAsync(target.ContainerId, options, http.RequestAborted))
            {
                var bytes = Encoding.UTF8.GetBytes(line + "\n");
                var count = (int)Math.Min(bytes.Length, remaining);
                await http.Response.Body.WriteAsync(bytes.AsMemory(0, count), http.RequestAborted);
                remaining -= count;
                if (remaining == 0) break;
                if (options.Follow) await http.Response.Body.FlushAsync(http.RequestAborted);
            }
        }
        catch (ContainerRuntimeException e) when (!http.Response.HasStarted)
        {
            await AgentErrors.WriteAsync(http, 500, "InternalError", $"failed to get logs for container {target.ContainerName}: {e.Message}");
        }
        catch (ContainerRuntimeException)
        {
            // Mid-stream: ending the body is all that can be said.
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client stopped following.
        }
    }

    private bool TryReadOptions(IQueryCollection query, out LogOptions options, out long? limitBytes, out string problem)
    {
        options = LogOptions.All;
        problem = "";
        limitBytes = StreamingQuery.Number(query, "limitBytes");
        if (limitBytes is <= 0)
        {
            problem = "limitBytes must be greater than zero";
            return false;
        }
        DateTimeOffset? since = null;
        if (StreamingQuery.Text(query, "sinceTime") is { } sinceTime)
        {
            if (!DateTimeOffset.TryParse(sinceTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                problem = $"sinceTime is not an RFC3339 time: {sinceTime}";
                return false;
            }
            since = parsed;
        }
        else if (StreamingQuery.Number(query, "sinceSeconds") is { } seconds)
        {
            if (seconds <= 0)
            {
                problem = "sinceSeconds must be greater than zero";
                return false;
            }
            since = time.GetUtcNow() - TimeSpan.FromSeconds(seconds);
        }
        var tail = StreamingQuery.Number(query, "tailLines");
        options = new LogOptions(
            StreamingQuery.Flag(query, "follow"),
            tail is >= 0 ? (int)Math.Min(tail.Value, int.MaxValue) : null,
            since,
            StreamingQuery.Flag(query, "timestamps"));
        return true;
    }
}
