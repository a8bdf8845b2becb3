namespace ActorOrchestrator.Api.Manifests;

/// <summary>
/// Bounds on what one request body or manifest file may cost to parse. The defaults follow the
/// Kubernetes API server where it has a number (3 MiB bodies, go-yaml's alias ratio) and are chosen
/// here where it has none (depth, node count).
/// </summary>
/// <param name="MaxBytes">Largest accepted body; larger ones are refused with 413 before parsing.</param>
/// <param name="MaxDepth">
/// Deepest nesting of objects and arrays. Real objects are about 15 deep; 50 leaves room for the
/// Gateway to wrap an object (watch event, Table row) and still stay under System.Text.Json's
/// default writer depth of 64.
/// </param>
/// <param name="MaxNodes">Most values (scalars, objects, arrays) one document may expand to, aliases included.</param>
public sealed record ManifestLimits(long MaxBytes = ManifestLimits.DefaultMaxBytes, int MaxDepth = 50, int MaxNodes = 1_000_000)
{
    /// <summary>The Kubernetes API server's request body limit (3 MiB).</summary>
    public const long DefaultMaxBytes = 3 * 1024 * 1024;

    public static ManifestLimits Default { get; } = new();
}
