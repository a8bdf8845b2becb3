namespace ActorOrchestrator.Api.Protobuf.Schemas;

/// <summary>networking.k8s.io/v1 ingresses.</summary>
internal static class NetworkingV1
{
    public static readonly SchemaSource Source = new(
        Package: "networking",
        ApiVersion: "networking.k8s.io/v1",
        Kinds: ["Ingress"],
        Messages: """
            Ingress
              1 metadata meta.ObjectMeta,omitempty
              2 spec IngressSpec,omitempty
              3 status IngressStatus,omitempty
            IngressSpec
              4 ingressClassName *string,omitempty
              1 defaultBackend *IngressBackend,omitempty
              2 tls []IngressTLS,omitempty
              3 rules []IngressRule,omitempty
            IngressStatus
              1 loadBalancer IngressLoadBalancerStatus,omitempty
            IngressBackend
              4 service *IngressServiceBackend,omitempty
              3 resource *core.TypedLocalObjectReference,omitempty
            IngressTLS
              1 hosts []string,omitempty
              2 secretName string,omitempty
            IngressRule
              1 host string,omitempty
              2 ingressRuleValue IngressRuleValue,inline
            IngressLoadBalancerStatus
              1 ingress []IngressLoadBalancerIngress,omitempty
            IngressServiceBackend
              1 name string
              2 port ServiceBackendPort,omitempty
            IngressRuleValue
              1 http *HTTPIngressRuleValue,omitempty
            IngressLoadBalancerIngress
              1 ip string,omitempty
              2 hostname string,omitempty
              4 ports []IngressPortStatus,omitempty
            ServiceBackendPort
              1 name string,omitempty
              2 number int32,omitempty
            HTTPIngressRuleValue
              1 paths []HTTPIngressPath
            IngressPortStatus
              1 port int32
              2 protocol string
              3 error *string,omitempty
            HTTPIngressPath
              1 path string,omitempty
              3 pathType *string
              2 backend IngressBackend
        """);
}
