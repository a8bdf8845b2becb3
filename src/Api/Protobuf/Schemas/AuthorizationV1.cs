namespace ActorOrchestrator.Api.Protobuf.Schemas;

/// <summary>authorization.k8s.io/v1 self subject access reviews (kubectl auth can-i).</summary>
internal static class AuthorizationV1
{
    public static readonly SchemaSource Source = new(
        Package: "authorization",
        ApiVersion: "authorization.k8s.io/v1",
        Kinds: ["SelfSubjectAccessReview"],
        Messages: """
            SelfSubjectAccessReview
              1 metadata meta.ObjectMeta,omitempty
              2 spec SelfSubjectAccessReviewSpec
              3 status SubjectAccessReviewStatus,omitempty
            SelfSubjectAccessReviewSpec
              1 resourceAttributes *ResourceAttributes,omitempty
              2 nonResourceAttributes *NonResourceAttributes,omitempty
            SubjectAccessReviewStatus
              1 allowed bool
              4 denied bool,omitempty
              2 reason string,omitempty
              3 evaluationError string,omitempty
            ResourceAttributes
              1 namespace string,omitempty
              2 verb string,omitempty
              3 group string,omitempty
              4 version string,omitempty
              5 resource string,omitempty
              6 subresource string,omitempty
              7 name string,omitempty
              8 fieldSelector *FieldSelectorAttributes,omitempty
              9 labelSelector *LabelSelectorAttributes,omitempty
            NonResourceAttributes
              1 path string,omitempty
              2 verb string,omitempty
            FieldSelectorAttributes
              1 rawSelector string,omitempty
              2 requirements []meta.FieldSelectorRequirement,omitempty
            LabelSelectorAttributes
              1 rawSelector string,omitempty
              2 requirements []meta.LabelSelectorRequirement,omitempty
        """);
}
