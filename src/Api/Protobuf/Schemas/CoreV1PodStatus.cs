namespace ActorOrchestrator.Api.Protobuf.Schemas;

/// <summary>core/v1 pod status: conditions, IPs, container states.</summary>
internal static class CoreV1PodStatus
{
    public static readonly SchemaSource Source = new(
        Package: "core",
        ApiVersion: "v1",
        Kinds: [],
        Messages: """
            PodStatus
              1 phase string,omitempty
              2 conditions []PodCondition,omitempty
              3 message string,omitempty
              4 reason string,omitempty
              11 nominatedNodeName string,omitempty
              5 hostIP string,omitempty
              16 hostIPs []HostIP,omitempty
              6 podIP string,omitempty
              12 podIPs []PodIP,omitempty
              7 startTime *meta.Time,omitempty
              10 initContainerStatuses []ContainerStatus,omitempty
              8 containerStatuses []ContainerStatus,omitempty
              9 qosClass string,omitempty
              13 ephemeralContainerStatuses []ContainerStatus,omitempty
              14 resize string,omitempty
              15 resourceClaimStatuses []PodResourceClaimStatus,omitempty
            PodCondition
              1 type string
              2 status string
              3 lastProbeTime meta.Time,omitempty
              4 lastTransitionTime meta.Time,omitempty
              5 reason string,omitempty
              6 message string,omitempty
            HostIP
              1 ip string
            PodIP
              1 ip string
            ContainerStatus
              1 name string
              2 state ContainerState,omitempty
              3 lastState ContainerState,omitempty
              4 ready bool
              5 restartCount int32
              6 image string
              7 imageID string
              8 containerID string,omitempty
              9 started *bool,omitempty
              10 allocatedResources map[string]resource.Quantity,omitempty
              11 resources *ResourceRequirements,omitempty
              12 volumeMounts []VolumeMountStatus,omitempty
              13 user *ContainerUser,omitempty
              14 allocatedResourcesStatus []ResourceStatus,omitempty
            ContainerState
              1 waiting *ContainerStateWaiting,omitempty
              2 running *ContainerStateRunning,omitempty
              3 terminated *ContainerStateTerminated,omitempty
            ContainerStateWaiting
              1 reason string,omitempty
              2 message string,omitempty
            ContainerStateRunning
              1 startedAt meta.Time,omitempty
            ContainerStateTerminated
              1 exitCode int32
              2 signal int32,omitempty
              3 reason string,omitempty
              4 message string,omitempty
              5 startedAt meta.Time,omitempty
              6 finishedAt meta.Time,omitempty
              7 containerID string,omitempty
            VolumeMountStatus
              1 name string
              2 mountPath string
              3 readOnly bool,omitempty
              4 recursiveReadOnly *string,omitempty
            ContainerUser
              1 linux *LinuxContainerUser,omitempty
            LinuxContainerUser
              1 uid int64
              2 gid int64
              3 supplementalGroups []int64,omitempty
            ResourceStatus
              1 name string
              2 resources []ResourceHealth,omitempty
            ResourceHealth
              1 resourceID string
              2 health string,omitempty
            PodResourceClaimStatus
              1 name string
              2 resourceClaimName *string,omitempty
        """);
}
