using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Patching;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Api.Selectors;
using ActorOrchestrator.Gateway.Http;
using ActorOrchestrator.Grains.Objects;
using ActorOrchestrator.Store.Reading;

namespace ActorOrchestrator.Gateway.Resources;

/// <summary>
/// The <c>scale</c> subresource (autoscaling/v1 Scale) of rc, rs, deployments, and of jobs, where
/// kubectl 1.32's <c>scale job</c> sends it although Kubernetes has none: there it maps to parallelism.
/// </summary>
public sealed class ScaleHandlers(IGrainFactory grains, ObjectReader reader)
{
    public async Task GetAsync(ResourceContext request)
    {
        var obj = await ReadAsync(request);
        await ApiResponses.WriteAsync(request.Http, 200, ToScale(request.Path.Type, obj), request.Format == ResponseFormat.Yaml ? ResponseFormat.Yaml : ResponseFormat.Json);
    }

    public async Task UpdateAsync(ResourceContext request)
    {
        var body = await RequestBodies.ReadObjectAsync(request.Http.Request);
        await ScaleToAsync(request, body);
    }

    public async Task PatchAsync(ResourceContext request)
    {
        var current = ToScale(request.Path.Type, await ReadAsync(request));
        var patch = await RequestBodies.ReadPatchAsync(request.Http.Request);
        var mediaType = (request.Http.Request.ContentType ?? "").Split(';')[0].Trim();
        var patched = mediaType switch
        {
            "application/json-patch+json" => JsonPatch.Apply(current, patch),
            "application/merge-patch+json" => JsonMergePatch.Apply(current, patch),
            "application/strategic-merge-patch+json" => JsonMergePatch.Apply(current, patch),
            _ => throw ApiException.UnsupportedMediaType(mediaType),
        };
        // A patch without a resourceVersion must not be refused because the object moved on meanwhile.
        if (patch is JsonObject p && p["metadata"]?["resourceVersion"] is null) patched!.AsObject().Metadata().Remove("resourceVersion");
        await ScaleToAsync(request, patched as JsonObject ?? throw ApiException.BadRequest("the patch did not produce a Scale object"));
    }

    private async Task ScaleToAsync(ResourceContext request, JsonObject scale)
    {
        if (scale.Num("spec", "replicas") is not { } wanted || wanted > int.MaxValue || wanted < int.MinValue)
        {
            throw ApiException.Invalid("Scale", request.Path.Name!, "spec.replicas", "Required value");
        }
        var replicas = (int)wanted;
        if (replicas < 0)
        {
            throw ApiException.Invalid("Scale", request.Path.Name!, "spec.replicas", $"Invalid value: {replicas}: must be greater than or equal to 0");
        }
        var grain = ObjectGrains.Get(grains, request.Path.Type, request.Path.StorageNamespace, request.Path.Name!);
        var result = await grain.Scale(new ScaleCommand(replicas, scale.ResourceVersion(), request.Options.DryRun));
        var updated = JsonNode.Parse(result.Json)!.AsObject();
        await ApiResponses.WriteAsync(request.Http, 200, ToScale(request.Path.Type, updated), ResponseFormat.Json);
    }

    private async Task<JsonObject> ReadAsync(ResourceContext request)
    {
        var key = new ObjectKey(request.Path.Type.StorageKey, request.Path.StorageNamespace, request.Path.Name!);
        var stored = await reader.GetAsync(key, request.Aborted) ?? throw ApiException.NotFound(request.Path.Type.StorageKey, request.Path.Name!);
        return JsonNode.Parse(stored.Json)!.AsObject();
    }

    public static JsonObject ToScale(ResourceType type, JsonObject obj)
    {
        var isJob = type == ResourceRegistry.Jobs;
        var spec = obj.Spec();
        var status = obj.Status();
        var meta = obj.Metadata();
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = meta.GetString("name"),
                ["namespace"] = meta.GetString("namespace"),
                ["uid"] = meta.GetString("uid"),
                ["resourceVersion"] = meta.GetString("resourceVersion"),
                ["creationTimestamp"] = meta.GetString("creationTimestamp"),
            },
            ["spec"] = new JsonObject { ["replicas"] = Int(spec?[isJob ? "parallelism" : "replicas"], 1) },
            ["status"] = new JsonObject
            {
                ["replicas"] = Int(status?[isJob ? "active" : "replicas"], 0),
                ["selector"] = SelectorText(spec?["selector"]),
            },
        };
    }

    private static string SelectorText(JsonNode? selector) => selector switch
    {
        JsonObject map when map["matchLabels"] is not null || map["matchExpressions"] is not null => LabelSelector.FromObject(map).ToString(),
        JsonObject map => LabelSelector.FromMap(ObjectAccess.StringMap(map)).ToString(),
        _ => "",
    };

    private static int Int(JsonNode? node, int fallback) =>
        (int)(node.Num() ?? fallback);
}
