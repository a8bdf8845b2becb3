using ActorOrchestrator.Api.Objects;
namespace ActorOrchestrator.Store.Objects;

/// <summary>An object as last committed: its JSON (resourceVersion included) and that revision.</summary>
public sealed record StoredObject(ObjectKey Key, long Revision, string Json);
