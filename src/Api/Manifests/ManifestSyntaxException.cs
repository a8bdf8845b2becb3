namespace ActorOrchestrator.Api.Manifests;

/// <summary>
/// A parse failure at a known place in the input. The parsers throw it; <see cref="ManifestReader"/>
/// turns it into the 400 the API answers, so the wording lives in one place.
/// </summary>
internal sealed class ManifestSyntaxException(int line, int column, string detail) : Exception(detail)
{
    /// <summary>1-based line of the offending token.</summary>
    public int Line { get; } = line;

    /// <summary>1-based column of the offending token.</summary>
    public int Column { get; } = column;

    public string Detail { get; } = detail;
}
