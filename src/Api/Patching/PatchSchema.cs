namespace ActorOrchestrator.Api.Patching;

/// <summary>
/// The list fields of one kind that a strategic merge patch merges rather than replaces, keyed by
/// path from the object root with <c>[]</c> for "each item", e.g.
/// <c>spec.template.spec.containers[].ports</c>. Every list not named here is replaced whole; every
/// object is merged key by key.
/// </summary>
public sealed class PatchSchema
{
    private readonly Dictionary<string, ListPatchRule> _lists;

    public PatchSchema(IEnumerable<KeyValuePair<string, ListPatchRule>> lists) =>
        _lists = new Dictionary<string, ListPatchRule>(lists, StringComparer.Ordinal);

    /// <summary>The paths this schema merges, for documentation and tests.</summary>
    public IReadOnlyDictionary<string, ListPatchRule> Lists => _lists;

    /// <summary>The rule for the list at <paramref name="path"/>; <see cref="ListPatchRule.Replace"/> if none.</summary>
    public ListPatchRule RuleFor(string path) => _lists.GetValueOrDefault(path, ListPatchRule.Replace);
}
