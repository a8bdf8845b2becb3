using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorOrchestrator.Gateway.Http;

/// <summary>
/// Turns every failure into a Kubernetes Status: refusals keep their code; an unreachable silo or
/// database is a retryable 503 with Retry-After; anything unexpected is a 500 that says so, never a
/// dropped connection.
/// </summary>
public sealed partial class ApiErrorMiddleware(RequestDelegate next, IHostApplicationLifetime lifetime, ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            // Every service starts at once; until the cluster client is connected (the host has started), the API answers 503.
            if (!lifetime.ApplicationStarted.IsCancellationRequested && (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) || context.Request.Path.StartsWithSegments("/apis", StringComparison.Ordinal)))
            {
                throw ApiException.Unavailable("the Gateway is still connecting to the control plane; retry shortly");
            }
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var error = Classify(ex);
            if (error.Code >= 500) LogFailed(ex, context.Request.Method, context.Request.Path);
            await ApiResponses.WriteStatusAsync(context, error);
        }
    }

    public static ApiException Classify(Exception ex) => ex switch
    {
        ApiException api => api,
        StoreUnavailableException store => ApiException.Unavailable(store.Message),
        SiloUnavailableException or OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException =>
            ApiException.Unavailable("the control plane is unavailable; retry shortly: " + ex.Message),
        TimeoutException => new ApiException(504, "Timeout", "the control plane did not answer in time; retry: " + ex.Message, retryAfterSeconds: 1),
        BadHttpRequestException bad when bad.StatusCode == 413 => ApiException.TooLarge("the request body is too large"),
        BadHttpRequestException bad => ApiException.BadRequest(bad.Message),
        _ => ApiException.Internal("an internal error occurred: " + ex.Message),
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private partial void LogFailed(Exception exception, string method, string path);
}
