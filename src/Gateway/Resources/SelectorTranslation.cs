using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Selectors;
using ActorOrchestrator.Gateway.Routing;
using ActorOrchestrator.Store.Reading;

namespace ActorOrchestrator.Gateway.Resources;

/// <summary>Turns the selectors of a request into the store's query.</summary>
public static class SelectorTranslation
{
    public static ListQuery ToQuery(ApiPath path, string? labelSelector, string? fieldSelector, int limit = 0, string? continueToken = null)
    {
        var labels = SelectorTerms.From(LabelSelector.Parse(labelSelector));
        var selector = FieldSelector.Parse(fieldSelector);
        SelectableFields.EnsureSupported(selector, path.Type);
        var fields = selector.Requirements
            .Select(r => r.Operator == FieldOperator.NotEquals ? SelectorTerm.NotEqualTo(r.Field, r.Value) : SelectorTerm.EqualTo(r.Field, r.Value))
            .ToList();
        return new ListQuery(path.Type.StorageKey, path.Type.Namespaced ? path.Namespace : null, labels, fields, limit, continueToken);
    }
}
