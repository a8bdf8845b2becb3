using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Selectors;

namespace ActorOrchestrator.Store.Reading;

/// <summary>Turns the API's label selectors into the store's query terms.</summary>
public static class SelectorTerms
{
    public static IReadOnlyList<SelectorTerm> From(LabelSelector selector) => selector.Requirements.Select(From).ToList();

    public static SelectorTerm From(Requirement requirement) => requirement.Operator switch
    {
        SelectorOperator.In or SelectorOperator.Equals or SelectorOperator.DoubleEquals =>
            new SelectorTerm(requirement.Key, TermOperator.In, requirement.Values),
        SelectorOperator.NotIn or SelectorOperator.NotEquals => new SelectorTerm(requirement.Key, TermOperator.NotIn, requirement.Values),
        SelectorOperator.Exists => new SelectorTerm(requirement.Key, TermOperator.Exists, []),
        SelectorOperator.DoesNotExist => new SelectorTerm(requirement.Key, TermOperator.DoesNotExist, []),
        _ => throw ApiException.BadRequest($"unable to parse requirement: operator {requirement.Operator} is not supported in list selectors"),
    };
}
