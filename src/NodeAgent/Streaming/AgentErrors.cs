using System.Text;
using ActorOrchestrator.Api.Errors;
using Microsoft.AspNetCore.Http;

namespace ActorOrchestrator.NodeAgent.Streaming;

/// <summary>Refusals before any upgrade: a Kubernetes <c>Status</c>, which kubectl prints as the server's error.</summary>
internal static class AgentErrors
{
    public static Task WriteAsync(HttpContext http, int code, string reason, string message)
    {
        http.Response.StatusCode = code;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(StatusObjects.Failure(code, reason, message).ToJsonString(), Encoding.UTF8);
    }

    public static Task BadRequest(HttpContext http, string message) => WriteAsync(http, 400, "BadRequest", message);

    public static Task NotFound(HttpContext http, string message) => WriteAsync(http, 404, "NotFound", message);

    /// <summary>The pod or container is not here, in the kubelet's words.</summary>
    public static Task Missing(HttpContext http, IContainerLocator locator, string ns, string pod, string? container) =>
        locator.Find(ns, pod, null, false) is null
            ? NotFound(http, "pod does not exist")
            : NotFound(http, $"container not found (\"{container}\")");
}
