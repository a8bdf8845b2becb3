namespace ActorOrchestrator.Api.Protobuf.Schemas;

/// <summary>core/v1 objects other than pods: namespaces, services, service accounts, config maps, secrets, quotas.</summary>
internal static class CoreV1
{
    public static readonly SchemaSource Source = new(
        Package: "core",
        ApiVersion: "v1",
        Kinds: ["Namespace", "Service", "ServiceAccount", "ConfigMap", "Secret", "ResourceQuota"],
        Messages: """
            Namespace
              1 metadata meta.ObjectMeta,omitempty
              2 spec NamespaceSpec,omitempty
              3 status NamespaceStatus,omitempty
            Service
              1 metadata meta.ObjectMeta,omitempty
              2 spec ServiceSpec,omitempty
              3 status ServiceStatus,omitempty
            ServiceAccount
              1 metadata meta.ObjectMeta,omitempty
              2 secrets []ObjectReference,omitempty
              3 imagePullSecrets []LocalObjectReference,omitempty
              4 automountServiceAccountToken *bool,omitempty
            ConfigMap
              1 metadata meta.ObjectMeta,omitempty
              4 immutable *bool,omitempty
              2 data map[string]string,omitempty
              3 binaryData map[string]bytes,omitempty
            Secret
              1 metadata meta.ObjectMeta,omitempty
              5 immutable *bool,omitempty
              2 data map[string]bytes,omitempty
              4 stringData map[string]string,omitempty
              3 type string,omitempty
            ResourceQuota
              1 metadata meta.ObjectMeta,omitempty
              2 spec ResourceQuotaSpec,omitempty
              3 status ResourceQuotaStatus,omitempty
            NamespaceSpec
              1 finalizers []string,omitempty
            NamespaceStatus
              1 phase string,omitempty
              2 conditions []NamespaceCondition,omitempty
            ServiceSpec
              1 ports []ServicePort,omitempty
              2 selector map[string]string,omitempty
              3 clusterIP string,omitempty
              18 clusterIPs []string,omitempty
              4 type string,omitempty
              5 externalIPs []string,omitempty
              7 sessionAffinity string,omitempty
              8 loadBalancerIP string,omitempty
              9 loadBalancerSourceRanges []string,omitempty
              10 externalName string,omitempty
              11 externalTrafficPolicy string,omitempty
              12 healthCheckNodePort int32,omitempty
              13 publishNotReadyAddresses bool,omitempty
              14 sessionAffinityConfig *SessionAffinityConfig,omitempty
              19 ipFamilies []string,omitempty
              17 ipFamilyPolicy *string,omitempty
              20 allocateLoadBalancerNodePorts *bool,omitempty
              21 loadBalancerClass *string,omitempty
              22 internalTrafficPolicy *string,omitempty
              23 trafficDistribution *string,omitempty
            ServiceStatus
              1 loadBalancer LoadBalancerStatus,omitempty
              2 conditions []meta.Condition,omitempty
            ObjectReference
              1 kind string,omitempty
              2 namespace string,omitempty
              3 name string,omitempty
              4 uid string,omitempty
              5 apiVersion string,omitempty
              6 resourceVersion string,omitempty
              7 fieldPath string,omitempty
            LocalObjectReference
              1 name string,omitempty
            ResourceQuotaSpec
              1 hard map[string]resource.Quantity,omitempty
              2 scopes []string,omitempty
              3 scopeSelector *ScopeSelector,omitempty
            ResourceQuotaStatus
              1 hard map[string]resource.Quantity,omitempty
              2 used map[string]resource.Quantity,omitempty
            NamespaceCondition
              1 type string
              2 status string
              4 lastTransitionTime meta.Time,omitempty
              5 reason string,omitempty
              6 message string,omitempty
            ServicePort
              1 name string,omitempty
              2 protocol string,omitempty
              6 appProtocol *string,omitempty
              3 port int32
              4 targetPort intstr.IntOrString,omitempty
              5 nodePort int32,omitempty
            SessionAffinityConfig
              1 clientIP *ClientIPConfig,omitempty
            LoadBalancerStatus
              1 ingress []LoadBalancerIngress,omitempty
            ScopeSelector
              1 matchExpressions []ScopedResourceSelectorRequirement,omitempty
            ClientIPConfig
              1 timeoutSeconds *int32,omitempty
            LoadBalancerIngress
              1 ip string,omitempty
              2 hostname string,omitempty
              3 ipMode *string,omitempty
              4 ports []PortStatus,omitempty
            ScopedResourceSelectorRequirement
              1 scopeName string
              2 operator string
              3 values []string,omitempty
            PortStatus
              1 port int32
              2 protocol string
              3 error *string,omitempty
        """);
}
