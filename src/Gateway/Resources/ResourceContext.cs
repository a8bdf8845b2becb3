using ActorOrchestrator.Gateway.Http;
using ActorOrchestrator.Gateway.Routing;
using Microsoft.AspNetCore.Http;

namespace ActorOrchestrator.Gateway.Resources;

/// <summary>One resource request, parsed: what it addresses, its options, and the format it wants back.</summary>
public sealed record ResourceContext(HttpContext Http, ApiPath Path, RequestOptions Options, ResponseFormat Format)
{
    public CancellationToken Aborted => Http.RequestAborted;
}
