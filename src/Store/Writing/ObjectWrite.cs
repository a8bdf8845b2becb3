using ActorOrchestrator.Api.Objects;
using System.Text.Json.Nodes;
using ActorOrchestrator.Store.Objects;

namespace ActorOrchestrator.Store.Writing;

public enum WriteKind
{
    /// <summary>Insert; fails if the key exists.</summary>
    Create,
    /// <summary>Replace; fails unless the stored revision equals the expected one.</summary>
    Update,
    /// <summary>Remove; fails unless the stored revision equals the expected one.</summary>
    Delete,
}

/// <summary>
/// One conditional write. The condition is the revision the writer last saw: a writer holding a stale
/// copy (for instance a duplicate grain activation during failover) fails instead of overwriting.
/// </summary>
/// <param name="Object">The new object; for a delete, its final state, which the DELETED event carries.
/// The store sets <c>metadata.resourceVersion</c> on it.</param>
/// <param name="Previous">The attributes before this write, so selector watches see objects leave their view.</param>
public sealed record ObjectWrite(
    ObjectKey Key,
    WriteKind Kind,
    long ExpectedRevision,
    JsonObject Object,
    ObjectAttributes Attributes,
    ObjectAttributes? Previous);

public enum WriteStatus
{
    Committed,
    /// <summary>For a create: the name is taken. Otherwise: the stored revision moved on, or the object is gone.</summary>
    Conflict,
}

/// <summary>The outcome of one write: the revision it committed at and the JSON as stored.</summary>
public readonly record struct WriteResult(WriteStatus Status, long Revision, string? Json)
{
    public static WriteResult Conflicted { get; } = new(WriteStatus.Conflict, 0, null);
}
