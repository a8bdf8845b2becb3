using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Selectors;
using ActorOrchestrator.Gateway.Routing;
using ActorOrchestrator.Store.Objects;
using ActorOrchestrator.Store.Reading;

namespace ActorOrchestrator.Gateway.Resources;

/// <summary>Turns the selectors of a request into the store's query.</summary>
public static class SelectorTranslation
{
    public static ListQuery ToQuery(ApiPath path, string? labelSelector, string? fieldSelector, int limit = 0, string? continueToken = null)
    {
        var labels = labelSelector is null ? [] : LabelSelector.Parse(labelSelector).Requirements.Select(ToTerm).ToList();
        var fields = new List<SelectorTerm>();
        if (fieldSelector is not null)
        {
            foreach (var requirement in FieldSelector.Parse(fieldSelector).Requirements)
            {
                if (!SelectableFields.IsSupported(path.Type.StorageKey, requirement.Field))
                {
                    throw ApiException.BadRequest($"field label not supported: {requirement.Field}");
                }
                fields.Add(requirement.Equal
                    ? SelectorTerm.EqualTo(requirement.Field, requirement.Value)
                    : SelectorTerm.NotEqualTo(requirement.Field, requirement.Value));
            }
        }
        return new ListQuery(path.Type.StorageKey, path.Type.Namespaced ? path.Namespace : null, labels, fields, limit, continueToken);
    }

    private static SelectorTerm ToTerm(LabelRequirement requirement) => requirement.Operator switch
    {
        LabelOperator.In or LabelOperator.Equals => new SelectorTerm(requirement.Key, TermOperator.In, requirement.Values),
        LabelOperator.NotIn or LabelOperator.NotEquals => new SelectorTerm(requirement.Key, TermOperator.NotIn, requirement.Values),
        LabelOperator.Exists => new SelectorTerm(requirement.Key, TermOperator.Exists, []),
        _ => new SelectorTerm(requirement.Key, TermOperator.DoesNotExist, []),
    };
}
