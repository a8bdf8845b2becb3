namespace ActorOrchestrator.Store.Watching;

public enum ChangeType
{
    Added,
    Modified,
    Deleted,
}

/// <summary>One committed write, as the revision log holds it.</summary>
public sealed record LogEntry(
    long Revision,
    string Resource,
    string Namespace,
    string Name,
    ChangeType Type,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Fields,
    IReadOnlyDictionary<string, string>? PreviousLabels,
    IReadOnlyDictionary<string, string>? PreviousFields,
    string Json);
