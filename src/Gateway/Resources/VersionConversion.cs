using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Gateway.Routing;

namespace ActorOrchestrator.Gateway.Resources;

/// <summary>
/// Objects are stored in one version per resource and served in every version the resource offers
/// (the seed's manifests use apps/v1beta2 and batch/v1beta1). The versions served here share their
/// schema, so converting is renaming apiVersion.
/// </summary>
public static class VersionConversion
{
    /// <summary>Checks a request body names this resource and brings it to the storage version.</summary>
    public static void ToStorage(JsonObject body, ApiPath path)
    {
        var apiVersion = body.GetString("apiVersion");
        var kind = body.GetString("kind");
        if (kind is not null && kind != path.Type.Kind)
        {
            throw ApiException.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({path.Type.Kind})");
        }
        if (apiVersion is not null && apiVersion != path.ApiVersion)
        {
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({path.ApiVersion})");
        }
        body["apiVersion"] = path.Type.ApiVersion;
        body["kind"] = path.Type.Kind;
    }

    /// <summary>Whether stored JSON can be sent as it is, without converting.</summary>
    public static bool IsStorageVersion(ApiPath path) => path.Version == path.Type.Version;

    public static JsonObject ToRequested(JsonObject obj, ApiPath path)
    {
        if (!IsStorageVersion(path)) obj["apiVersion"] = path.ApiVersion;
        return obj;
    }
}
