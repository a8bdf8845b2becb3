using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Validation;
using ActorOrchestrator.Gateway.Http;
using ActorOrchestrator.Grains.Objects;
using ActorOrchestrator.Store.Reading;

namespace ActorOrchestrator.Gateway.Resources;

/// <summary>Create, replace, patch and delete: each becomes one command to the object's grain.</summary>
public sealed class WriteHandlers(IGrainFactory grains, ObjectReader reader, ObjectOutput output)
{
    private const int GeneratedNameAttempts = 5;

    public async Task CreateAsync(ResourceContext request)
    {
        var body = await RequestBodies.ReadObjectAsync(request.Http.Request);
        FieldValidationCheck.Check(request, body);
        VersionConversion.ToStorage(body, request.Path);
        var ns = NamespaceFor(request, body);
        var meta = body.Metadata();
        var generateName = meta.GetString("generateName");
        var explicitName = meta.GetString("name");
        var attempts = string.IsNullOrEmpty(explicitName) && !string.IsNullOrEmpty(generateName) ? GeneratedNameAttempts : 1;
        for (var attempt = 1; ; attempt++)
        {
            var name = string.IsNullOrEmpty(explicitName) ? GeneratedName(request, generateName) : explicitName;
            meta["name"] = name;
            ThrowIfUnaddressable(request, body);
            try
            {
                var created = await ObjectGrains.Get(grains, request.Path.Type, ns, name)
                    .Create(new CreateCommand(body.ToJsonString(), request.Options.DryRun, request.Options.FieldManager));
                await output.WriteObjectAsync(request, 201, created.Json);
                return;
            }
            catch (ApiException ex) when (ex.Code == 409 && ex.Reason == "AlreadyExists" && attempt < attempts)
            {
                // A generated name collided: draw another, as kube-apiserver does.
            }
        }
    }

    public async Task UpdateAsync(ResourceContext request)
    {
        var body = await RequestBodies.ReadObjectAsync(request.Http.Request);
        FieldValidationCheck.Check(request, body);
        VersionConversion.ToStorage(body, request.Path);
        var updated = await Grain(request).Update(new UpdateCommand(
            body.ToJsonString(), request.Path.Subresource ?? "", request.Options.DryRun, request.Options.FieldManager));
        await output.WriteObjectAsync(request, 200, updated.Json);
    }

    public async Task PatchAsync(ResourceContext request)
    {
        var patchType = PatchTypeOf(request.Http.Request.ContentType);
        var patch = await RequestBodies.ReadPatchAsync(request.Http.Request);
        if (patch is JsonObject patchObject)
        {
            if (patchType is PatchType.Merge or PatchType.Strategic or PatchType.Apply) FieldValidationCheck.Check(request, patchObject);
            if (patchType == PatchType.Apply) VersionConversion.ToStorage(patchObject, request.Path);
        }
        else if (patchType != PatchType.Json)
        {
            throw ApiException.BadRequest("this patch type needs a JSON object");
        }
        var existed = patchType != PatchType.Apply || await Exists(request);
        var patched = await Grain(request).Patch(new PatchCommand(patchType, patch.ToJsonString(), request.Path.Subresource ?? "",
            request.Options.DryRun, request.Options.FieldManager, request.Options.Force));
        await output.WriteObjectAsync(request, existed ? 200 : 201, patched.Json);
    }

    public async Task DeleteAsync(ResourceContext request)
    {
        var deleteOptions = await RequestBodies.ReadOptionalObjectAsync(request.Http.Request);
        var deleted = await Grain(request).Delete(DeleteCommandFrom(request, deleteOptions));
        await output.WriteObjectAsync(request, 200, deleted.Json);
    }

    /// <summary>Deletes every object the selectors pick; answers the list of what was deleted.</summary>
    public async Task DeleteCollectionAsync(ResourceContext request)
    {
        var deleteOptions = await RequestBodies.ReadOptionalObjectAsync(request.Http.Request);
        var command = DeleteCommandFrom(request, deleteOptions);
        var query = SelectorTranslation.ToQuery(request.Path, request.Options.LabelSelector, request.Options.FieldSelector);
        var listed = await reader.ListAsync(query, request.Aborted);
        var deleted = new List<Store.Objects.StoredObject>();
        foreach (var item in listed.Items)
        {
            try
            {
                var response = await ObjectGrains.Get(grains, item.Key).Delete(command with { PreconditionUid = null, PreconditionResourceVersion = null });
                deleted.Add(new Store.Objects.StoredObject(item.Key, response.Revision, response.Json));
            }
            catch (ApiException ex) when (ex.Code == 404)
            {
                // Deleted by someone else meanwhile.
            }
        }
        await output.WriteListAsync(request, listed.Revision, deleted, null);
    }

    private IApiObjectGrain Grain(ResourceContext request) =>
        ObjectGrains.Get(grains, request.Path.Type, request.Path.StorageNamespace, request.Path.Name!);

    private async Task<bool> Exists(ResourceContext request) =>
        await reader.GetAsync(new ObjectKey(request.Path.Type.StorageKey, request.Path.StorageNamespace, request.Path.Name!), request.Aborted) is not null;

    private static string NamespaceFor(ResourceContext request, JsonObject body)
    {
        if (!request.Path.Type.Namespaced) return "";
        var inBody = body.Metadata().GetString("namespace");
        var inPath = request.Path.Namespace ?? throw ApiException.NotFound(request.Path.Type.StorageKey, "");
        if (!string.IsNullOrEmpty(inBody) && inBody != inPath)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        return inPath;
    }

    private static string GeneratedName(ResourceContext request, string? generateName)
    {
        if (string.IsNullOrEmpty(generateName))
        {
            throw ApiException.Invalid(request.Path.Type.Kind, "", "metadata.name", "Required value: name or generateName is required");
        }
        return GeneratedNames.Generate(generateName);
    }

    /// <summary>A name must be valid before it becomes a grain key and a URL segment.</summary>
    private static void ThrowIfUnaddressable(ResourceContext request, JsonObject body)
    {
        var causes = NameValidation.ValidateObjectName(body, request.Path.Type).ToList();
        var name = body.Name() ?? "";
        if (causes.Count == 0 && name.Contains('/'))
        {
            causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: \"{name}\": may not contain '/'", "metadata.name"));
        }
        if (causes.Count > 0) throw ApiException.Invalid(request.Path.Type.Kind, name, causes);
    }

    private static PatchType PatchTypeOf(string? contentType)
    {
        var mediaType = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        return mediaType switch
        {
            "application/json-patch+json" => PatchType.Json,
            "application/merge-patch+json" => PatchType.Merge,
            "application/strategic-merge-patch+json" => PatchType.Strategic,
            "application/apply-patch+yaml" or "application/apply-patch+json" => PatchType.Apply,
            _ => throw ApiException.UnsupportedMediaType(mediaType),
        };
    }

    private static DeleteCommand DeleteCommandFrom(ResourceContext request, JsonObject? body)
    {
        var preconditions = body?["preconditions"] as JsonObject;
        long? grace = request.Options.GracePeriodSeconds;
        grace ??= body.Num("gracePeriodSeconds");
        var policy = request.Options.PropagationPolicy ?? body?.GetString("propagationPolicy");
        if (policy is null && body?["orphanDependents"] is JsonValue orphan && orphan.TryGetValue<bool>(out var o))
        {
            policy = o ? "Orphan" : "Background";
        }
        if (policy is not (null or "Background" or "Foreground" or "Orphan"))
        {
            throw ApiException.BadRequest($"propagationPolicy: Unsupported value: \"{policy}\": supported values: \"Background\", \"Foreground\", \"Orphan\"");
        }
        var dryRun = request.Options.DryRun || body?["dryRun"] is JsonArray { Count: > 0 };
        return new DeleteCommand(policy, grace, preconditions?.GetString("uid"), preconditions?.GetString("resourceVersion"), dryRun);
    }
}
