namespace ActorOrchestrator.Api.Protobuf.Schemas;

/// <summary>core/v1 in-tree volume plugins, mostly deprecated: kept so a pod using one does not lose the volume silently.</summary>
internal static class CoreV1LegacyVolumes
{
    public static readonly SchemaSource Source = new(
        Package: "core",
        ApiVersion: "v1",
        Kinds: [],
        Messages: """
            GCEPersistentDiskVolumeSource
              1 pdName string
              2 fsType string,omitempty
              3 partition int32,omitempty
              4 readOnly bool,omitempty
            AWSElasticBlockStoreVolumeSource
              1 volumeID string
              2 fsType string,omitempty
              3 partition int32,omitempty
              4 readOnly bool,omitempty
            GitRepoVolumeSource
              1 repository string
              2 revision string,omitempty
              3 directory string,omitempty
            NFSVolumeSource
              1 server string
              2 path string
              3 readOnly bool,omitempty
            ISCSIVolumeSource
              1 targetPortal string
              2 iqn string
              3 lun int32
              4 iscsiInterface string,omitempty
              5 fsType string,omitempty
              6 readOnly bool,omitempty
              7 portals []string,omitempty
              8 chapAuthDiscovery bool,omitempty
              11 chapAuthSession bool,omitempty
              10 secretRef *LocalObjectReference,omitempty
              12 initiatorName *string,omitempty
            GlusterfsVolumeSource
              1 endpoints string
              2 path string
              3 readOnly bool,omitempty
            RBDVolumeSource
              1 monitors []string
              2 image string
              3 fsType string,omitempty
              4 pool string,omitempty
              5 user string,omitempty
              6 keyring string,omitempty
              7 secretRef *LocalObjectReference,omitempty
              8 readOnly bool,omitempty
            FlexVolumeSource
              1 driver string
              2 fsType string,omitempty
              3 secretRef *LocalObjectReference,omitempty
              4 readOnly bool,omitempty
              5 options map[string]string,omitempty
            CinderVolumeSource
              1 volumeID string
              2 fsType string,omitempty
              3 readOnly bool,omitempty
              4 secretRef *LocalObjectReference,omitempty
            CephFSVolumeSource
              1 monitors []string
              2 path string,omitempty
              3 user string,omitempty
              4 secretFile string,omitempty
              5 secretRef *LocalObjectReference,omitempty
              6 readOnly bool,omitempty
            FlockerVolumeSource
              1 datasetName string,omitempty
              2 datasetUUID string,omitempty
            FCVolumeSource
              1 targetWWNs []string,omitempty
              2 lun *int32,omitempty
              3 fsType string,omitempty
              4 readOnly bool,omitempty
              5 wwids []string,omitempty
            AzureFileVolumeSource
              1 secretName string
              2 shareName string
              3 readOnly bool,omitempty
            VsphereVirtualDiskVolumeSource
              1 volumePath string
              2 fsType string,omitempty
              3 storagePolicyName string,omitempty
              4 storagePolicyID string,omitempty
            QuobyteVolumeSource
              1 registry string
              2 volume string
              3 readOnly bool,omitempty
              4 user string,omitempty
              5 group string,omitempty
              6 tenant string,omitempty
            AzureDiskVolumeSource
              1 diskName string
              2 diskURI string
              3 cachingMode *string,omitempty
              4 fsType *string,omitempty
              5 readOnly *bool,omitempty
              6 kind *string,omitempty
            PhotonPersistentDiskVolumeSource
              1 pdID string
              2 fsType string,omitempty
            PortworxVolumeSource
              1 volumeID string
              2 fsType string,omitempty
              3 readOnly bool,omitempty
            ScaleIOVolumeSource
              1 gateway string
              2 system string
              3 secretRef *LocalObjectReference
              4 sslEnabled bool,omitempty
              5 protectionDomain string,omitempty
              6 storagePool string,omitempty
              7 storageMode string,omitempty
              8 volumeName string,omitempty
              9 fsType string,omitempty
              10 readOnly bool,omitempty
            StorageOSVolumeSource
              1 volumeName string,omitempty
              2 volumeNamespace string,omitempty
              3 fsType string,omitempty
              4 readOnly bool,omitempty
              5 secretRef *LocalObjectReference,omitempty
        """);
}
