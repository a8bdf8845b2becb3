using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Gateway.Http;
using ActorOrchestrator.Gateway.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorOrchestrator.Gateway.Discovery;

/// <summary>
/// <c>/version</c>, discovery (aggregated v2 when asked for, the legacy documents otherwise) and the
/// OpenAPI documents kubectl validates manifests and answers <c>explain</c> with.
/// </summary>
public static class DiscoveryApi
{
    public static IEndpointRouteBuilder MapDiscoveryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/version", (HttpContext http) => Json(http, VersionInfo.Get().ToJsonString()));
        app.MapGet("/api", (HttpContext http) => AggregatedDiscovery.IsRequestedBy(http.Request.Headers.Accept)
            ? Aggregated(http, AggregatedDiscovery.ForCoreGroup().ToJsonString())
            : Json(http, LegacyDiscovery.ApiVersions(http.Request.Host.ToString()).ToJsonString()));
        app.MapGet("/apis", (HttpContext http) => AggregatedDiscovery.IsRequestedBy(http.Request.Headers.Accept)
            ? Aggregated(http, AggregatedDiscovery.ForNamedGroups().ToJsonString())
            : Json(http, LegacyDiscovery.ApiGroupList().ToJsonString()));
        app.MapGet("/api/v1", (HttpContext http) => Json(http, LegacyDiscovery.ApiResourceList("", "v1")!.ToJsonString()));
        app.MapGet("/apis/{group}", (HttpContext http, string group) =>
            Json(http, (LegacyDiscovery.ApiGroup(group) ?? throw NotFound()).ToJsonString()));
        app.MapGet("/apis/{group}/{version}", (HttpContext http, string group, string version) =>
            Json(http, (LegacyDiscovery.ApiResourceList(group, version) ?? throw NotFound()).ToJsonString()));
        app.MapGet("/openapi/v3", (HttpContext http) => Json(http, OpenApiV3.Index().ToJsonString()));
        app.MapGet("/openapi/v3/{**document}", (HttpContext http, string document) =>
            Json(http, OpenApiV3.DocumentJson(document) ?? throw NotFound()));
        return app;
    }

    private static Task Json(HttpContext http, string json) => ApiResponses.WriteJsonAsync(http, 200, json);

    private static Task Aggregated(HttpContext http, string json)
    {
        http.Response.StatusCode = 200;
        http.Response.ContentType = AggregatedDiscovery.ContentType;
        return http.Response.WriteAsync(json);
    }

    private static ApiException NotFound() => new(404, "NotFound", "the server could not find the requested resource");
}
