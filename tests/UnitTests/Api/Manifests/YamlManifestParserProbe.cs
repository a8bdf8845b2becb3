using ActorOrchestrator.Api.Manifests;

namespace ActorOrchestrator.UnitTests.Api.Manifests;

/// <summary>Exposes the alias ratio rule, which is internal to the parser.</summary>
internal static class YamlManifestParserProbe
{
    public static bool IsExcessiveAliasing(long values, long aliased) => YamlManifestParser.IsExcessiveAliasing(values, aliased);
}
