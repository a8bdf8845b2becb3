namespace ActorOrchestrator.Api.Protobuf.Schemas;

/// <summary>policy/v1 disruption budgets and the eviction subresource body.</summary>
internal static class PolicyV1
{
    public static readonly SchemaSource Source = new(
        Package: "policy",
        ApiVersion: "policy/v1",
        Kinds: ["PodDisruptionBudget", "Eviction"],
        Messages: """
            PodDisruptionBudget
              1 metadata meta.ObjectMeta,omitempty
              2 spec PodDisruptionBudgetSpec,omitempty
              3 status PodDisruptionBudgetStatus,omitempty
            Eviction
              1 metadata meta.ObjectMeta,omitempty
              2 deleteOptions *meta.DeleteOptions,omitempty
            PodDisruptionBudgetSpec
              1 minAvailable *intstr.IntOrString,omitempty
              2 selector *meta.LabelSelector,omitempty
              3 maxUnavailable *intstr.IntOrString,omitempty
              4 unhealthyPodEvictionPolicy *string,omitempty
            PodDisruptionBudgetStatus
              1 observedGeneration int64,omitempty
              2 disruptedPods map[string]meta.Time,omitempty
              3 disruptionsAllowed int32
              4 currentHealthy int32
              5 desiredHealthy int32
              6 expectedPods int32
              7 conditions []meta.Condition,omitempty
        """);
}
