namespace ActorOrchestrator.Grains.Objects;

/// <summary>Create the object from its JSON.</summary>
[GenerateSerializer, Immutable]
public sealed record CreateCommand(
    [property: Id(0)] string Json,
    [property: Id(1)] bool DryRun = false,
    [property: Id(2)] string? FieldManager = null);

/// <summary>Replace the object (or only its status, for the <c>status</c> subresource) with this JSON.</summary>
[GenerateSerializer, Immutable]
public sealed record UpdateCommand(
    [property: Id(0)] string Json,
    [property: Id(1)] string Subresource = "",
    [property: Id(2)] bool DryRun = false,
    [property: Id(3)] string? FieldManager = null);

public enum PatchType
{
    /// <summary>RFC 6902, <c>application/json-patch+json</c>.</summary>
    Json,
    /// <summary>RFC 7386, <c>application/merge-patch+json</c>.</summary>
    Merge,
    /// <summary>Kubernetes strategic merge patch, <c>application/strategic-merge-patch+json</c>.</summary>
    Strategic,
    /// <summary>Server-side apply, <c>application/apply-patch+yaml</c>: creates the object when missing.</summary>
    Apply,
}

/// <summary>Patch the object (or its status) in place; applied by the grain to its current copy.</summary>
[GenerateSerializer, Immutable]
public sealed record PatchCommand(
    [property: Id(0)] PatchType Type,
    [property: Id(1)] string Patch,
    [property: Id(2)] string Subresource = "",
    [property: Id(3)] bool DryRun = false,
    [property: Id(4)] string? FieldManager = null,
    [property: Id(5)] bool Force = false);

/// <summary>Delete the object, as <c>DeleteOptions</c> describe.</summary>
/// <param name="PropagationPolicy">Background (the default), Foreground or Orphan.</param>
/// <param name="GracePeriodSeconds">0 with <c>--force</c> removes a pod without waiting for its node.</param>
[GenerateSerializer, Immutable]
public sealed record DeleteCommand(
    [property: Id(0)] string? PropagationPolicy = null,
    [property: Id(1)] long? GracePeriodSeconds = null,
    [property: Id(2)] string? PreconditionUid = null,
    [property: Id(3)] string? PreconditionResourceVersion = null,
    [property: Id(4)] bool DryRun = false);

/// <summary>Set the replica count through the <c>scale</c> subresource.</summary>
[GenerateSerializer, Immutable]
public sealed record ScaleCommand(
    [property: Id(0)] int Replicas,
    [property: Id(1)] string? PreconditionResourceVersion = null,
    [property: Id(2)] bool DryRun = false);

/// <summary>The object after a command: its JSON and revision; <see cref="Removed"/> when it no longer exists.</summary>
[GenerateSerializer, Immutable]
public sealed record ObjectResponse(
    [property: Id(0)] string Json,
    [property: Id(1)] long Revision,
    [property: Id(2)] bool Removed = false);
