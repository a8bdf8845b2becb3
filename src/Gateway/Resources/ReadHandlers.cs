using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Store.Reading;

namespace ActorOrchestrator.Gateway.Resources;

/// <summary>GET of one object and of lists: answered from the store, no grain involved.</summary>
public sealed class ReadHandlers(ObjectReader reader, ObjectOutput output)
{
    public async Task GetAsync(ResourceContext request)
    {
        var path = request.Path;
        var key = new ObjectKey(path.Type.StorageKey, path.StorageNamespace, path.Name!);
        var stored = await reader.GetAsync(key, request.Aborted) ?? throw ApiException.NotFound(path.Type.StorageKey, path.Name!);
        await output.WriteObjectAsync(request, 200, stored.Json);
    }

    public async Task ListAsync(ResourceContext request)
    {
        var options = request.Options;
        var query = SelectorTranslation.ToQuery(request.Path, options.LabelSelector, options.FieldSelector, options.Limit, options.Continue);
        var result = await reader.ListAsync(query, request.Aborted);
        await output.WriteListAsync(request, result.Revision, result.Items, result.Continue);
    }
}
