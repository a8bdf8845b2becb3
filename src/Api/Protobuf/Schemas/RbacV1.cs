namespace ActorOrchestrator.Api.Protobuf.Schemas;

/// <summary>rbac.authorization.k8s.io/v1 roles and bindings.</summary>
internal static class RbacV1
{
    public static readonly SchemaSource Source = new(
        Package: "rbac",
        ApiVersion: "rbac.authorization.k8s.io/v1",
        Kinds: ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"],
        Messages: """
            Role
              1 metadata meta.ObjectMeta,omitempty
              2 rules []PolicyRule
            ClusterRole
              1 metadata meta.ObjectMeta,omitempty
              2 rules []PolicyRule
              3 aggregationRule *AggregationRule,omitempty
            RoleBinding
              1 metadata meta.ObjectMeta,omitempty
              2 subjects []Subject,omitempty
              3 roleRef RoleRef
            ClusterRoleBinding
              1 metadata meta.ObjectMeta,omitempty
              2 subjects []Subject,omitempty
              3 roleRef RoleRef
            PolicyRule
              1 verbs []string
              2 apiGroups []string,omitempty
              3 resources []string,omitempty
              4 resourceNames []string,omitempty
              5 nonResourceURLs []string,omitempty
            AggregationRule
              1 clusterRoleSelectors []meta.LabelSelector,omitempty
            Subject
              1 kind string
              2 apiGroup string,omitempty
              3 name string
              4 namespace string,omitempty
            RoleRef
              1 apiGroup string
              2 kind string
              3 name string
        """);
}
