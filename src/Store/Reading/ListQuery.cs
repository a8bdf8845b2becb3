namespace ActorOrchestrator.Store.Reading;

/// <summary>A list request: one resource, optionally one namespace, filtered by selectors, paged by name.</summary>
/// <param name="Namespace">Null lists every namespace.</param>
/// <param name="Limit">Most items per page; 0 means all.</param>
/// <param name="Continue">The token a previous page returned.</param>
/// <param name="ControllerUid">Only objects whose controller owner reference has this uid.</param>
public sealed record ListQuery(
    string Resource,
    string? Namespace,
    IReadOnlyList<SelectorTerm> Labels,
    IReadOnlyList<SelectorTerm> Fields,
    int Limit = 0,
    string? Continue = null,
    Guid? ControllerUid = null)
{
    public static ListQuery All(string resource, string? ns = null) => new(resource, ns, [], []);

    /// <summary>Whether an object with these attributes passes the selectors.</summary>
    public bool Matches(string ns, string name, IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> fields)
    {
        if (Namespace is not null && Namespace != ns) return false;
        foreach (var term in Labels)
        {
            if (!term.Matches(labels)) return false;
        }
        foreach (var term in Fields)
        {
            var value = term.Key switch
            {
                "metadata.name" => name,
                "metadata.namespace" => ns,
                _ => fields.GetValueOrDefault(term.Key, ""),
            };
            // Selectable fields always have a value ("" when unset), so only the value is compared.
            if (!term.Matches(new Dictionary<string, string> { [term.Key] = value })) return false;
        }
        return true;
    }
}

/// <summary>One page of a list and the revision it is consistent with.</summary>
public sealed record ListResult(long Revision, IReadOnlyList<Objects.StoredObject> Items, string? Continue, long? RemainingCount);
