namespace ActorOrchestrator.Api.Protobuf.Schemas;

/// <summary>meta/v1 (k8s.io/apimachinery): object metadata, selectors, conditions, delete options.</summary>
internal static class MetaV1
{
    public static readonly SchemaSource Source = new(
        Package: "meta",
        ApiVersion: "meta.k8s.io/v1",
        Kinds: [],
        Messages: """
            ObjectMeta
              1 name string,omitempty
              2 generateName string,omitempty
              3 namespace string,omitempty
              4 selfLink string,omitempty
              5 uid string,omitempty
              6 resourceVersion string,omitempty
              7 generation int64,omitempty
              8 creationTimestamp meta.Time,omitempty
              9 deletionTimestamp *meta.Time,omitempty
              10 deletionGracePeriodSeconds *int64,omitempty
              11 labels map[string]string,omitempty
              12 annotations map[string]string,omitempty
              13 ownerReferences []OwnerReference,omitempty
              14 finalizers []string,omitempty
              17 managedFields []ManagedFieldsEntry,omitempty
            DeleteOptions
              1 gracePeriodSeconds *int64,omitempty
              2 preconditions *Preconditions,omitempty
              3 orphanDependents *bool,omitempty
              4 propagationPolicy *string,omitempty
              5 dryRun []string,omitempty
              6 ignoreStoreReadErrorWithClusterBreakingPotential *bool,omitempty
            OwnerReference
              5 apiVersion string
              1 kind string
              3 name string
              4 uid string
              6 controller *bool,omitempty
              7 blockOwnerDeletion *bool,omitempty
            ManagedFieldsEntry
              1 manager string,omitempty
              2 operation string,omitempty
              3 apiVersion string,omitempty
              4 time *meta.Time,omitempty
              6 fieldsType string,omitempty
              7 fieldsV1 *meta.FieldsV1,omitempty
              8 subresource string,omitempty
            LabelSelector
              1 matchLabels map[string]string,omitempty
              2 matchExpressions []LabelSelectorRequirement,omitempty
            Condition
              1 type string
              2 status string
              3 observedGeneration int64,omitempty
              4 lastTransitionTime meta.Time
              5 reason string
              6 message string
            Preconditions
              1 uid *string,omitempty
              2 resourceVersion *string,omitempty
            LabelSelectorRequirement
              1 key string
              2 operator string
              3 values []string,omitempty
            FieldSelectorRequirement
              1 key string
              2 operator string
              3 values []string,omitempty
        """);
}
