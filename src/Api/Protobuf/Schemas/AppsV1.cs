namespace ActorOrchestrator.Api.Protobuf.Schemas;

/// <summary>apps/v1 deployments.</summary>
internal static class AppsV1
{
    public static readonly SchemaSource Source = new(
        Package: "apps",
        ApiVersion: "apps/v1",
        Kinds: ["Deployment"],
        Messages: """
            Deployment
              1 metadata meta.ObjectMeta,omitempty
              2 spec DeploymentSpec,omitempty
              3 status DeploymentStatus,omitempty
            DeploymentSpec
              1 replicas *int32,omitempty
              2 selector *meta.LabelSelector
              3 template core.PodTemplateSpec
              4 strategy DeploymentStrategy,omitempty
              5 minReadySeconds int32,omitempty
              6 revisionHistoryLimit *int32,omitempty
              7 paused bool,omitempty
              9 progressDeadlineSeconds *int32,omitempty
            DeploymentStatus
              1 observedGeneration int64,omitempty
              2 replicas int32,omitempty
              3 updatedReplicas int32,omitempty
              7 readyReplicas int32,omitempty
              4 availableReplicas int32,omitempty
              5 unavailableReplicas int32,omitempty
              6 conditions []DeploymentCondition,omitempty
              8 collisionCount *int32,omitempty
            DeploymentStrategy
              1 type string,omitempty
              2 rollingUpdate *RollingUpdateDeployment,omitempty
            DeploymentCondition
              1 type string
              2 status string
              6 lastUpdateTime meta.Time,omitempty
              7 lastTransitionTime meta.Time,omitempty
              4 reason string,omitempty
              5 message string,omitempty
            RollingUpdateDeployment
              1 maxUnavailable *intstr.IntOrString,omitempty
              2 maxSurge *intstr.IntOrString,omitempty
        """);
}
