using System.Collections.Immutable;

namespace ActorOrchestrator.Grains.Controllers;

/// <summary>
/// Creates and deletes a controller has issued but not yet seen in its observed children (Kubernetes'
/// ControlleeExpectations and UIDTrackingControllerExpectations). A controller acts only when its
/// expectations are satisfied, so a child that is slow to show up never causes a second create.
/// </summary>
/// <remarks>
/// Lifecycle of one pass: the decision records what it plans (<see cref="ExpectCreations(int, DateTimeOffset)"/>,
/// <see cref="ExpectDeletions"/>); the grain reports each result (<see cref="Created"/> names a create once the
/// server has named the pod, <see cref="CreateFailed"/> and <see cref="DeleteFailed"/> drop what will never be
/// observed); the next pass calls <see cref="Observe(IEnumerable{PodView})"/> with what it sees. Expectations not
/// met within <see cref="Timeout"/> lapse, as Kubernetes' do, so a lost watch event cannot wedge a controller.
/// </remarks>
/// <param name="UnnamedCreates">Creates issued whose results have not come back yet.</param>
/// <param name="Creates">Keys (<c>namespace/name</c>) of children created but not yet observed.</param>
/// <param name="Deletes">Keys of children deleted but still observed without a deletion timestamp.</param>
/// <param name="Since">When expectations were last recorded; the timeout counts from here.</param>
public sealed record Expectations(int UnnamedCreates, ImmutableHashSet<string> Creates, ImmutableHashSet<string> Deletes, DateTimeOffset? Since)
{
    /// <summary>Kubernetes' ExpectationsTimeout.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static Expectations None { get; } = new(0, [], [], null);

    public int PendingCreates => UnnamedCreates + Creates.Count;

    public int PendingDeletes => Deletes.Count;

    public bool IsEmpty => UnnamedCreates <= 0 && Creates.IsEmpty && Deletes.IsEmpty;

    public bool IsExpired(DateTimeOffset now) => Since is { } since && now - since > Timeout;

    /// <summary>Kubernetes' SatisfiedExpectations: nothing in flight, or the wait has lasted too long.</summary>
    public bool IsSatisfied(DateTimeOffset now) => IsEmpty || IsExpired(now);

    public Expectations ExpectCreations(int count, DateTimeOffset now) =>
        count <= 0 ? this : this with { UnnamedCreates = UnnamedCreates + count, Since = now };

    /// <summary>Creates of children whose names are known up front (a Deployment's ReplicaSets, a CronJob's Jobs).</summary>
    public Expectations ExpectCreations(IEnumerable<string> keys, DateTimeOffset now)
    {
        var added = Creates.Union(keys);
        return added.Count == Creates.Count ? this : this with { Creates = added, Since = now };
    }

    public Expectations ExpectDeletions(IEnumerable<string> keys, DateTimeOffset now)
    {
        var added = Deletes.Union(keys);
        return added.Count == Deletes.Count ? this : this with { Deletes = added, Since = now };
    }

    /// <summary>A create came back with the child's key: wait to observe that child.</summary>
    public Expectations Created(string key) =>
        this with { UnnamedCreates = Math.Max(0, UnnamedCreates - 1), Creates = Creates.Add(key) };

    /// <summary>Creates that failed or were skipped (slow start stops at the first failure) will never be observed.</summary>
    public Expectations CreateFailed(int count = 1) => this with { UnnamedCreates = Math.Max(0, UnnamedCreates - count) };

    /// <summary>A delete that failed (or found the child gone) will never be observed as a deletion.</summary>
    public Expectations DeleteFailed(string key) => this with { Deletes = Deletes.Remove(key) };

    /// <summary>Marks as observed every expected child now present, and every expected deletion now visible.</summary>
    public Expectations Observe(IEnumerable<PodView> pods) => Observe(pods.Select(p => (p.Key, p.DeletionTimestamp is not null)));

    /// <summary>
    /// The level-based form of Kubernetes' CreationObserved/DeletionObserved: a create is observed when its
    /// child is present; a delete when its child is gone or carries a deletion timestamp.
    /// </summary>
    public Expectations Observe(IEnumerable<(string Key, bool Deleting)> children)
    {
        if (Creates.IsEmpty && Deletes.IsEmpty) return this;
        var present = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (key, deleting) in children) present[key] = deleting;
        var creates = Creates.Where(k => !present.ContainsKey(k)).ToImmutableHashSet();
        var deletes = Deletes.Where(k => present.TryGetValue(k, out var deleting) && !deleting).ToImmutableHashSet();
        return creates.Count == Creates.Count && deletes.Count == Deletes.Count ? this : this with { Creates = creates, Deletes = deletes };
    }

    /// <summary>Drops expectations that have waited longer than <see cref="Timeout"/>.</summary>
    public Expectations Expire(DateTimeOffset now) => IsExpired(now) ? None : this;
}
