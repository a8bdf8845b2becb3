using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;

namespace ActorOrchestrator.Gateway.Http;

/// <summary>
/// API latency per verb and resource, the way kube-apiserver's <c>apiserver_request_duration_seconds</c>
/// reports it, so dashboards and the scale benchmarks read one histogram.
/// </summary>
public static class ApiMetrics
{
    public const string MeterName = "ActorOrchestrator.Gateway";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "ao.api.request.duration", "s", "Time to answer one Kubernetes API request (watches: until the stream opens)");

    public static void Record(string verb, string resource, string subresource, int code, TimeSpan elapsed) =>
        Duration.Record(elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("verb", verb),
            new KeyValuePair<string, object?>("resource", resource),
            new KeyValuePair<string, object?>("subresource", subresource),
            new KeyValuePair<string, object?>("code", code));

    /// <summary>The Kubernetes verb of a request: list and watch are GETs of collections, get of objects.</summary>
    public static string VerbOf(string method, bool collection, bool watch) => method switch
    {
        "GET" when watch => "watch",
        "GET" when collection => "list",
        "GET" => "get",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" when collection => "deletecollection",
        "DELETE" => "delete",
        _ => method.ToLowerInvariant(),
    };

    public static long Start() => Stopwatch.GetTimestamp();
}
