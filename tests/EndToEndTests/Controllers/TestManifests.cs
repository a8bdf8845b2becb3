namespace ActorOrchestrator.EndToEndTests.Controllers;

/// <summary>Manifests several controller tests share.</summary>
internal static class TestManifests
{
    /// <summary>A DaemonSet with no node selector: one kubia pod on every node.</summary>
    public const string AgentDaemonSet = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec:
              containers: [{name: main, image: taodaling/kubia}]
        """;
}
