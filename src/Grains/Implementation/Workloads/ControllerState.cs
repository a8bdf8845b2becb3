using System.Collections.Immutable;
using ActorOrchestrator.Grains.Controllers;

namespace ActorOrchestrator.Grains.Workloads;

/// <summary>
/// What a controller must remember across silo failures, kept with Orleans grain storage (ADO.NET on
/// PostgreSQL): the creates and deletes it issued but has not seen yet, by name. A new activation
/// re-issues the same creates (AlreadyExists means done) instead of planning fresh ones, so a controller
/// killed mid-scale-up never creates a pod twice.
/// </summary>
[GenerateSerializer]
public sealed class ControllerState
{
    /// <summary>The object these expectations belong to; a recreated object of the same name starts afresh.</summary>
    [Id(0)] public string? Uid { get; set; }

    [Id(1)] public List<string> PendingCreates { get; set; } = [];

    [Id(2)] public List<string> PendingDeletes { get; set; } = [];

    [Id(3)] public DateTimeOffset? Since { get; set; }

    /// <summary>The last create or delete error, reported as a ReplicaFailure-style condition.</summary>
    [Id(4)] public string? LastError { get; set; }

    public Expectations ToExpectations() =>
        new(0, PendingCreates.ToImmutableHashSet(StringComparer.Ordinal), PendingDeletes.ToImmutableHashSet(StringComparer.Ordinal), Since);

    public bool Matches(Expectations expectations) =>
        expectations.UnnamedCreates == 0
        && expectations.Creates.SetEquals(PendingCreates)
        && expectations.Deletes.SetEquals(PendingDeletes)
        && expectations.Since == Since;

    public void Set(Expectations expectations)
    {
        PendingCreates = [.. expectations.Creates.Order(StringComparer.Ordinal)];
        PendingDeletes = [.. expectations.Deletes.Order(StringComparer.Ordinal)];
        Since = expectations.Since;
    }
}
