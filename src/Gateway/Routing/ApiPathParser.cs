using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Resources;

namespace ActorOrchestrator.Gateway.Routing;

/// <summary>Parses resource URLs under <c>/api/v1</c> and <c>/apis/{group}/{version}</c>.</summary>
public static class ApiPathParser
{
    /// <summary>
    /// The resource path, or null when the URL is not a resource path (discovery documents).
    /// Unknown resources and malformed paths are 404, as Kubernetes answers them.
    /// </summary>
    public static ApiPath? Parse(string path)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        string group, version;
        int rest;
        if (segments.Length >= 2 && segments[0] == "api")
        {
            (group, version, rest) = ("", segments[1], 2);
        }
        else if (segments.Length >= 3 && segments[0] == "apis")
        {
            (group, version, rest) = (segments[1], segments[2], 3);
        }
        else
        {
            return null;
        }
        var tail = segments[rest..];
        if (tail.Length == 0) return null;

        // namespaces/{ns}/{resource}/... is a namespaced path when {resource} is a namespaced resource;
        // otherwise namespaces/{name}/{subresource} addresses the namespace object itself.
        if (tail[0] == "namespaces" && tail.Length >= 3 && Find(group, version, tail[2]) is { Namespaced: true } namespaced)
        {
            return Build(namespaced, version, tail[1], tail[3..]);
        }
        var type = Find(group, version, tail[0]) ?? throw NotFound(path);
        return Build(type, version, null, tail[1..]);
    }

    private static ApiPath Build(ResourceType type, string version, string? ns, string[] rest)
    {
        if (rest.Length > 2) throw NotFound(string.Join('/', rest));
        var name = rest.Length > 0 ? rest[0] : null;
        var subresource = rest.Length > 1 ? rest[1] : null;
        // A namespaced object cannot be addressed without its namespace.
        if (type.Namespaced && ns is null && name is not null) throw NotFound(type.Plural + "/" + name);
        if (subresource is not null && !type.Subresources.Contains(subresource)) throw NotFound($"{type.Plural}/{name}/{subresource}");
        return new ApiPath(type, version, ns, name, subresource);
    }

    private static ResourceType? Find(string group, string version, string plural) => ResourceRegistry.Find(group, version, plural);

    private static ApiException NotFound(string what) =>
        new(404, "NotFound", "the server could not find the requested resource", name: what);
}
