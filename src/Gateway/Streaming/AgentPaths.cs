using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ActorOrchestrator.Gateway.Streaming;

/// <summary>
/// Maps a pod subresource request to the agent's kubelet-style path: the container moves from the
/// query into the path, every other parameter passes through unchanged.
/// </summary>
public static class AgentPaths
{
    public static string For(string subresource, string ns, string pod, IQueryCollection query)
    {
        var container = query["container"].LastOrDefault();
        var rest = QueryString.Create(query
            .Where(p => p.Key is not ("container" or "insecureSkipTLSVerifyBackend"))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v))));
        var root = subresource switch
        {
            "log" => "containerLogs",
            "exec" => "exec",
            "attach" => "attach",
            "portforward" => "portForward",
            _ => throw new ArgumentException($"not a streaming subresource: {subresource}", nameof(subresource)),
        };
        var path = $"/{root}/{Uri.EscapeDataString(ns)}/{Uri.EscapeDataString(pod)}";
        if (subresource != "portforward" && !string.IsNullOrEmpty(container)) path += "/" + Uri.EscapeDataString(container);
        return path + rest.ToUriComponent();
    }

    /// <summary>For tests and callers without a request: a query from pairs.</summary>
    public static IQueryCollection Query(params (string Key, string Value)[] pairs) =>
        new QueryCollection(pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => new StringValues(g.Select(p => p.Value).ToArray())));
}
