using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Gateway.Http;
using ActorOrchestrator.Gateway.Routing;
using ActorOrchestrator.Gateway.Streaming;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ActorOrchestrator.Gateway.Resources;

/// <summary>
/// Every resource URL under <c>/api</c> and <c>/apis</c>, dispatched by method and by what the path
/// addresses (collection, object, subresource).
/// </summary>
public static class ResourceApi
{
    public static IServiceCollection AddResourceApi(this IServiceCollection services) => services
        .AddSingleton<ObjectOutput>()
        .AddSingleton<ReadHandlers>()
        .AddSingleton<WatchHandler>()
        .AddSingleton<WriteHandlers>()
        .AddSingleton<ScaleHandlers>()
        .AddSingleton<PodSubresourceHandlers>()
        .AddPodStreaming();

    public static IEndpointRouteBuilder MapResourceApi(this IEndpointRouteBuilder app)
    {
        app.Map("/api/{**rest}", DispatchAsync);
        app.Map("/apis/{**rest}", DispatchAsync);
        return app;
    }

    private static async Task DispatchAsync(HttpContext http)
    {
        var started = ApiMetrics.Start();
        var path = ApiPathParser.Parse(http.Request.Path)
            ?? throw new ApiException(404, "NotFound", "the server could not find the requested resource");
        var request = new ResourceContext(http, path, RequestOptions.From(http.Request.Query), ResponseFormats.From(http.Request.Headers.Accept));
        var services = http.RequestServices;
        var method = http.Request.Method;
        var code = 200;
        try
        {
            await HandleAsync(request, services, method, path);
            code = http.Response.StatusCode;
        }
        catch (Exception ex)
        {
            // The error middleware answers it; count it under the code it will get.
            code = ApiErrorMiddleware.Classify(ex).Code;
            throw;
        }
        finally
        {
            ApiMetrics.Record(ApiMetrics.VerbOf(method, path.IsCollection, request.Options.Watch), path.Type.StorageKey,
                path.Subresource ?? "", code, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }

    private static Task HandleAsync(ResourceContext request, IServiceProvider services, string method, ApiPath path) =>
        (path.IsCollection, path.Subresource, method) switch
        {
            (true, _, "GET") when request.Options.Watch => services.GetRequiredService<WatchHandler>().WatchAsync(request),
            (true, _, "GET") => services.GetRequiredService<ReadHandlers>().ListAsync(request),
            (true, _, "POST") => services.GetRequiredService<WriteHandlers>().CreateAsync(request),
            (true, _, "DELETE") => services.GetRequiredService<WriteHandlers>().DeleteCollectionAsync(request),
            (false, null or "status", "GET") => services.GetRequiredService<ReadHandlers>().GetAsync(request),
            (false, null or "status", "PUT") => services.GetRequiredService<WriteHandlers>().UpdateAsync(request),
            (false, null or "status", "PATCH") => services.GetRequiredService<WriteHandlers>().PatchAsync(request),
            (false, null, "DELETE") => services.GetRequiredService<WriteHandlers>().DeleteAsync(request),
            (false, "scale", "GET") => services.GetRequiredService<ScaleHandlers>().GetAsync(request),
            (false, "scale", "PUT") => services.GetRequiredService<ScaleHandlers>().UpdateAsync(request),
            (false, "scale", "PATCH") => services.GetRequiredService<ScaleHandlers>().PatchAsync(request),
            (false, "binding", "POST") => services.GetRequiredService<PodSubresourceHandlers>().BindAsync(request),
            (false, "eviction", "POST") => services.GetRequiredService<PodSubresourceHandlers>().EvictAsync(request),
            (false, "log", "GET") or (false, "exec" or "attach" or "portforward", "GET" or "POST") =>
                services.GetRequiredService<PodStreamRelay>().RelayAsync(request.Http, path.Namespace!, path.Name!, path.Subresource!),
            _ => throw ApiException.MethodNotAllowed($"the server does not allow this method on the requested resource ({method} {path.Type.Plural}{(path.Subresource is null ? "" : "/" + path.Subresource)})"),
        };
}
