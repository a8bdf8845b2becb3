namespace ActorOrchestrator.Api.Patching;

/// <summary>How a strategic merge patch treats one list field.</summary>
public enum ListStrategy
{
    /// <summary>The patch's list replaces the object's (Kubernetes' default, "atomic").</summary>
    Replace,

    /// <summary>Items are objects matched by a merge key (e.g. containers by <c>name</c>) and merged one by one.</summary>
    MergeByKey,

    /// <summary>Items are scalars kept as a set: the patch adds values, <c>$deleteFromPrimitiveList</c> removes them (e.g. finalizers).</summary>
    MergeScalars,
}

/// <summary>A list field's patch strategy, and its merge key when it has one.</summary>
public sealed record ListPatchRule(ListStrategy Strategy, string? MergeKey = null)
{
    public static ListPatchRule Replace { get; } = new(ListStrategy.Replace);

    public static ListPatchRule MergeScalars { get; } = new(ListStrategy.MergeScalars);

    public static ListPatchRule ByKey(string mergeKey) => new(ListStrategy.MergeByKey, mergeKey);
}
