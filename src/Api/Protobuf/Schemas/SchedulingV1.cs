namespace ActorOrchestrator.Api.Protobuf.Schemas;

/// <summary>scheduling.k8s.io/v1 priority classes.</summary>
internal static class SchedulingV1
{
    public static readonly SchemaSource Source = new(
        Package: "scheduling",
        ApiVersion: "scheduling.k8s.io/v1",
        Kinds: ["PriorityClass"],
        Messages: """
            PriorityClass
              1 metadata meta.ObjectMeta,omitempty
              2 value int32
              3 globalDefault bool,omitempty
              4 description string,omitempty
              5 preemptionPolicy *string,omitempty
        """);
}
