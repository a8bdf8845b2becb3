namespace ActorOrchestrator.Gateway.Printing;

/// <summary>
/// What each table row embeds as <c>object</c>, from the <c>includeObject</c> query parameter.
/// kubectl builds the NAMESPACE column, <c>--show-labels</c> and <c>-L</c> from the row's metadata,
/// so rows need at least <see cref="Metadata"/>; it asks for <see cref="Object"/> with <c>--sort-by</c>.
/// </summary>
public enum TableIncludeObject
{
    None,
    /// <summary>A <c>PartialObjectMetadata</c> carrying the metadata only; Kubernetes' default.</summary>
    Metadata,
    Object,
}

public static class TableIncludeObjectParser
{
    /// <summary>Reads <c>includeObject=None|Metadata|Object</c>; absent means Metadata, as in Kubernetes.</summary>
    public static TableIncludeObject? Parse(string? value) => value switch
    {
        null or "" or "Metadata" => TableIncludeObject.Metadata,
        "None" => TableIncludeObject.None,
        "Object" => TableIncludeObject.Object,
        _ => null,
    };
}
