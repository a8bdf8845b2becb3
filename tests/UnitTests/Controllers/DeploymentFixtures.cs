using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Grains.Controllers;
using static ActorOrchestrator.UnitTests.Controllers.Fixtures;

namespace ActorOrchestrator.UnitTests.Controllers;

internal static class DeploymentFixtures
{
    public static JsonObject Deployment(int replicas = 3, string image = "nginx:1", JsonNode? maxSurge = null, JsonNode? maxUnavailable = null,
        string strategy = "RollingUpdate", bool paused = false, long generation = 1, JsonObject? status = null, int? revisionHistoryLimit = null)
    {
        var d = Obj($$"""
        {
          "apiVersion": "apps/v1", "kind": "Deployment",
          "metadata": { "name": "kubia", "namespace": "default", "uid": "d-uid", "generation": {{generation}} },
          "spec": {
            "replicas": {{replicas}},
            "selector": { "matchLabels": { "app": "kubia" } },
            "strategy": { "type": "{{strategy}}" },
            "template": { "metadata": { "labels": { "app": "kubia" } }, "spec": { "containers": [ { "name": "c", "image": "{{image}}" } ] } }
          }
        }
        """);
        if (strategy == "RollingUpdate")
        {
            d.Spec()!["strategy"]!["rollingUpdate"] = new JsonObject { ["maxSurge"] = maxSurge ?? JsonValue.Create("25%"), ["maxUnavailable"] = maxUnavailable ?? JsonValue.Create("25%") };
        }
        if (paused) d.Spec()!["paused"] = true;
        if (revisionHistoryLimit is not null) d.Spec()!["revisionHistoryLimit"] = revisionHistoryLimit;
        if (status is not null) d["status"] = status;
        return d;
    }

    /// <summary>A ReplicaSet the Deployment made earlier for <paramref name="image"/>, with its pods counted in status.</summary>
    public static JsonObject OwnedReplicaSet(JsonObject deployment, string image, int replicas, int available, long revision, int ageMinutes, int? maxReplicas = null)
    {
        var template = (JsonObject)deployment.Spec()!["template"]!.DeepClone();
        template["spec"]!["containers"]![0]!["image"] = image;
        var hash = TemplateHash.Compute(template);
        template["metadata"]!["labels"]![TemplateHash.PodTemplateHashLabel] = hash;
        var desired = deployment.Spec().Num("replicas") ?? 1;
        var (surge, _) = DeploymentDecision.Fenceposts(deployment);
        return Obj($$"""
        {
          "apiVersion": "apps/v1", "kind": "ReplicaSet",
          "metadata": { "name": "kubia-{{hash}}", "namespace": "default", "uid": "rs-{{hash}}", "generation": 1,
            "creationTimestamp": "{{Timestamps.Format(T0.AddMinutes(-ageMinutes))}}",
            "labels": { "app": "kubia", "pod-template-hash": "{{hash}}" },
            "annotations": { "deployment.kubernetes.io/revision": "{{revision}}", "deployment.kubernetes.io/desired-replicas": "{{desired}}",
              "deployment.kubernetes.io/max-replicas": "{{maxReplicas ?? desired + surge}}" },
            "ownerReferences": [ { "apiVersion": "apps/v1", "kind": "Deployment", "name": "kubia", "uid": "d-uid", "controller": true, "blockOwnerDeletion": true } ] },
          "spec": { "replicas": {{replicas}}, "selector": { "matchLabels": { "app": "kubia", "pod-template-hash": "{{hash}}" } }, "template": {{template.ToJsonString()}} },
          "status": { "replicas": {{replicas}}, "readyReplicas": {{available}}, "availableReplicas": {{available}}, "observedGeneration": 1 }
        }
        """);
    }

    public static DeploymentPlan Run(JsonObject deployment, params JsonObject[] replicaSets) =>
        DeploymentDecision.Compute(new DeploymentInput(deployment, replicaSets, T0));

    public static int Replicas(JsonObject rs) => (int)(rs.Spec().Num("replicas") ?? 0);
}
