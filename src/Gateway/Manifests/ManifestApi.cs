using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Manifests;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Gateway.Http;
using ActorOrchestrator.Grains.Objects;
using ActorOrchestrator.Store.Reading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ActorOrchestrator.Gateway.Manifests;

/// <summary>
/// <c>POST /manifests[?namespace=ns]</c>: for HTTP clients without kubectl. Takes a multi-document
/// YAML (or JSON) manifest and creates or updates every object in it, in order, answering per object
/// (<c>created</c>, <c>configured</c>, <c>unchanged</c> or <c>failed</c> with its Status). 200 when all
/// succeeded, 207 when some failed.
/// </summary>
public static class ManifestApi
{
    public static IServiceCollection AddManifestApi(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapManifestApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/manifests", ApplyAsync);
        return app;
    }

    private static async Task ApplyAsync(HttpContext http, IGrainFactory grains, ObjectReader reader)
    {
        var documents = await ManifestReader.ReadAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        var defaultNamespace = http.Request.Query["namespace"].ToString() is { Length: > 0 } ns ? ns : "default";
        var results = new JsonArray();
        var failures = 0;
        foreach (var document in documents)
        {
            var result = await ApplyOneAsync(document, defaultNamespace, grains, reader);
            if (result["action"]?.ToString() == "failed") failures++;
            results.Add(result);
        }
        var body = new JsonObject { ["kind"] = "ManifestResult", ["apiVersion"] = "v1", ["items"] = results };
        await ApiResponses.WriteJsonAsync(http, failures == 0 ? 200 : 207, body.ToJsonString());
    }

    private static async Task<JsonObject> ApplyOneAsync(JsonObject document, string defaultNamespace, IGrainFactory grains, ObjectReader reader)
    {
        var apiVersion = document.GetString("apiVersion") ?? "";
        var kind = document.GetString("kind") ?? "";
        var name = document.Name() ?? "";
        var result = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["name"] = name };
        try
        {
            var type = ResourceRegistry.FindByKind(apiVersion, kind)
                ?? throw ApiException.BadRequest($"no matches for kind \"{kind}\" in version \"{apiVersion}\"");
            if (name.Length == 0) throw ApiException.Invalid(kind, "", "metadata.name", "Required value: name is required");
            var ns = type.Namespaced ? document.Namespace() ?? defaultNamespace : "";
            if (type.Namespaced) result["namespace"] = ns;
            document["apiVersion"] = type.ApiVersion;

            var key = new ObjectKey(type.StorageKey, ns, name);
            var before = await reader.GetAsync(key);
            var after = await ObjectGrains.Get(grains, key).Patch(new PatchCommand(PatchType.Apply, document.ToJsonString(), FieldManager: "manifests"));
            result["action"] = before is null ? "created" : SameButServerWrites(before.Json, after.Json) ? "unchanged" : "configured";
            result["resourceVersion"] = after.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            result["action"] = "failed";
            result["status"] = ApiErrorMiddleware.Classify(ex).ToStatus();
        }
        return result;
    }

    /// <summary>
    /// Whether the apply left the object as it was: another component (the scheduler, a node) may have written
    /// status between our read and our patch, which changes the revision but not what the manifest says.
    /// </summary>
    private static bool SameButServerWrites(string beforeJson, string afterJson)
    {
        static JsonNode? WithoutServerWrites(string json)
        {
            var obj = JsonNode.Parse(json)!.AsObject();
            obj.Remove("status");
            if (obj["metadata"] is JsonObject meta)
            {
                meta.Remove("resourceVersion");
                meta.Remove("managedFields");
            }
            return obj;
        }
        return JsonNode.DeepEquals(WithoutServerWrites(beforeJson), WithoutServerWrites(afterJson));
    }
}
