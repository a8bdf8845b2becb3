namespace ActorOrchestrator.Api.Protobuf.Schemas;

/// <summary>core/v1 pods and pod templates: the spec around the containers (scheduling, security, DNS).</summary>
internal static class CoreV1Pod
{
    public static readonly SchemaSource Source = new(
        Package: "core",
        ApiVersion: "v1",
        Kinds: ["Pod"],
        Messages: """
            Pod
              1 metadata meta.ObjectMeta,omitempty
              2 spec PodSpec,omitempty
              3 status PodStatus,omitempty
            PodTemplateSpec
              1 metadata meta.ObjectMeta,omitempty
              2 spec PodSpec,omitempty
            PodSpec
              1 volumes []Volume,omitempty
              20 initContainers []Container,omitempty
              2 containers []Container
              34 ephemeralContainers []EphemeralContainer,omitempty
              3 restartPolicy string,omitempty
              4 terminationGracePeriodSeconds *int64,omitempty
              5 activeDeadlineSeconds *int64,omitempty
              6 dnsPolicy string,omitempty
              7 nodeSelector map[string]string,omitempty
              8 serviceAccountName string,omitempty
              9 serviceAccount string,omitempty
              21 automountServiceAccountToken *bool,omitempty
              10 nodeName string,omitempty
              11 hostNetwork bool,omitempty
              12 hostPID bool,omitempty
              13 hostIPC bool,omitempty
              27 shareProcessNamespace *bool,omitempty
              14 securityContext *PodSecurityContext,omitempty
              15 imagePullSecrets []LocalObjectReference,omitempty
              16 hostname string,omitempty
              17 subdomain string,omitempty
              18 affinity *Affinity,omitempty
              19 schedulerName string,omitempty
              22 tolerations []Toleration,omitempty
              23 hostAliases []HostAlias,omitempty
              24 priorityClassName string,omitempty
              25 priority *int32,omitempty
              26 dnsConfig *PodDNSConfig,omitempty
              28 readinessGates []PodReadinessGate,omitempty
              29 runtimeClassName *string,omitempty
              30 enableServiceLinks *bool,omitempty
              31 preemptionPolicy *string,omitempty
              32 overhead map[string]resource.Quantity,omitempty
              33 topologySpreadConstraints []TopologySpreadConstraint,omitempty
              35 setHostnameAsFQDN *bool,omitempty
              36 os *PodOS,omitempty
              37 hostUsers *bool,omitempty
              38 schedulingGates []PodSchedulingGate,omitempty
              39 resourceClaims []PodResourceClaim,omitempty
              40 resources *ResourceRequirements,omitempty
            PodSecurityContext
              1 seLinuxOptions *SELinuxOptions,omitempty
              8 windowsOptions *WindowsSecurityContextOptions,omitempty
              2 runAsUser *int64,omitempty
              6 runAsGroup *int64,omitempty
              3 runAsNonRoot *bool,omitempty
              4 supplementalGroups []int64,omitempty
              12 supplementalGroupsPolicy *string,omitempty
              5 fsGroup *int64,omitempty
              7 sysctls []Sysctl,omitempty
              9 fsGroupChangePolicy *string,omitempty
              10 seccompProfile *SeccompProfile,omitempty
              11 appArmorProfile *AppArmorProfile,omitempty
              13 seLinuxChangePolicy *string,omitempty
            Sysctl
              1 name string
              2 value string
            Affinity
              1 nodeAffinity *NodeAffinity,omitempty
              2 podAffinity *PodAffinity,omitempty
              3 podAntiAffinity *PodAntiAffinity,omitempty
            NodeAffinity
              1 requiredDuringSchedulingIgnoredDuringExecution *NodeSelector,omitempty
              2 preferredDuringSchedulingIgnoredDuringExecution []PreferredSchedulingTerm,omitempty
            NodeSelector
              1 nodeSelectorTerms []NodeSelectorTerm
            NodeSelectorTerm
              1 matchExpressions []NodeSelectorRequirement,omitempty
              2 matchFields []NodeSelectorRequirement,omitempty
            NodeSelectorRequirement
              1 key string
              2 operator string
              3 values []string,omitempty
            PreferredSchedulingTerm
              1 weight int32
              2 preference NodeSelectorTerm
            PodAffinity
              1 requiredDuringSchedulingIgnoredDuringExecution []PodAffinityTerm,omitempty
              2 preferredDuringSchedulingIgnoredDuringExecution []WeightedPodAffinityTerm,omitempty
            PodAntiAffinity
              1 requiredDuringSchedulingIgnoredDuringExecution []PodAffinityTerm,omitempty
              2 preferredDuringSchedulingIgnoredDuringExecution []WeightedPodAffinityTerm,omitempty
            PodAffinityTerm
              1 labelSelector *meta.LabelSelector,omitempty
              2 namespaces []string,omitempty
              3 topologyKey string
              4 namespaceSelector *meta.LabelSelector,omitempty
              5 matchLabelKeys []string,omitempty
              6 mismatchLabelKeys []string,omitempty
            WeightedPodAffinityTerm
              1 weight int32
              2 podAffinityTerm PodAffinityTerm
            Toleration
              1 key string,omitempty
              2 operator string,omitempty
              3 value string,omitempty
              4 effect string,omitempty
              5 tolerationSeconds *int64,omitempty
            HostAlias
              1 ip string
              2 hostnames []string,omitempty
            PodDNSConfig
              1 nameservers []string,omitempty
              2 searches []string,omitempty
              3 options []PodDNSConfigOption,omitempty
            PodDNSConfigOption
              1 name string,omitempty
              2 value *string,omitempty
            PodReadinessGate
              1 conditionType string
            TopologySpreadConstraint
              1 maxSkew int32
              2 topologyKey string
              3 whenUnsatisfiable string
              4 labelSelector *meta.LabelSelector,omitempty
              5 minDomains *int32,omitempty
              6 nodeAffinityPolicy *string,omitempty
              7 nodeTaintsPolicy *string,omitempty
              8 matchLabelKeys []string,omitempty
            PodOS
              1 name string
            PodSchedulingGate
              1 name string
            PodResourceClaim
              1 name string
              3 resourceClaimName *string,omitempty
              4 resourceClaimTemplateName *string,omitempty
        """);
}
