namespace ActorOrchestrator.Api.Protobuf.Schemas;

/// <summary>core/v1 volumes in current use: host path, emptyDir, secret, config map, claims, projected, downward API, CSI, ephemeral, image.</summary>
internal static class CoreV1Volumes
{
    public static readonly SchemaSource Source = new(
        Package: "core",
        ApiVersion: "v1",
        Kinds: [],
        Messages: """
            Volume
              1 name string
              2 volumeSource VolumeSource,inline
            VolumeSource
              1 hostPath *HostPathVolumeSource,omitempty
              2 emptyDir *EmptyDirVolumeSource,omitempty
              3 gcePersistentDisk *GCEPersistentDiskVolumeSource,omitempty
              4 awsElasticBlockStore *AWSElasticBlockStoreVolumeSource,omitempty
              5 gitRepo *GitRepoVolumeSource,omitempty
              6 secret *SecretVolumeSource,omitempty
              7 nfs *NFSVolumeSource,omitempty
              8 iscsi *ISCSIVolumeSource,omitempty
              9 glusterfs *GlusterfsVolumeSource,omitempty
              10 persistentVolumeClaim *PersistentVolumeClaimVolumeSource,omitempty
              11 rbd *RBDVolumeSource,omitempty
              12 flexVolume *FlexVolumeSource,omitempty
              13 cinder *CinderVolumeSource,omitempty
              14 cephfs *CephFSVolumeSource,omitempty
              15 flocker *FlockerVolumeSource,omitempty
              16 downwardAPI *DownwardAPIVolumeSource,omitempty
              17 fc *FCVolumeSource,omitempty
              18 azureFile *AzureFileVolumeSource,omitempty
              19 configMap *ConfigMapVolumeSource,omitempty
              20 vsphereVolume *VsphereVirtualDiskVolumeSource,omitempty
              21 quobyte *QuobyteVolumeSource,omitempty
              22 azureDisk *AzureDiskVolumeSource,omitempty
              23 photonPersistentDisk *PhotonPersistentDiskVolumeSource,omitempty
              26 projected *ProjectedVolumeSource,omitempty
              24 portworxVolume *PortworxVolumeSource,omitempty
              25 scaleIO *ScaleIOVolumeSource,omitempty
              27 storageos *StorageOSVolumeSource,omitempty
              28 csi *CSIVolumeSource,omitempty
              29 ephemeral *EphemeralVolumeSource,omitempty
              30 image *ImageVolumeSource,omitempty
            HostPathVolumeSource
              1 path string
              2 type *string,omitempty
            EmptyDirVolumeSource
              1 medium string,omitempty
              2 sizeLimit *resource.Quantity,omitempty
            SecretVolumeSource
              1 secretName string,omitempty
              2 items []KeyToPath,omitempty
              3 defaultMode *int32,omitempty
              4 optional *bool,omitempty
            ConfigMapVolumeSource
              1 localObjectReference LocalObjectReference,inline
              2 items []KeyToPath,omitempty
              3 defaultMode *int32,omitempty
              4 optional *bool,omitempty
            PersistentVolumeClaimVolumeSource
              1 claimName string
              2 readOnly bool,omitempty
            DownwardAPIVolumeSource
              1 items []DownwardAPIVolumeFile,omitempty
              2 defaultMode *int32,omitempty
            DownwardAPIVolumeFile
              1 path string
              2 fieldRef *ObjectFieldSelector,omitempty
              3 resourceFieldRef *ResourceFieldSelector,omitempty
              4 mode *int32,omitempty
            ProjectedVolumeSource
              1 sources []VolumeProjection
              2 defaultMode *int32,omitempty
            VolumeProjection
              1 secret *SecretProjection,omitempty
              2 downwardAPI *DownwardAPIProjection,omitempty
              3 configMap *ConfigMapProjection,omitempty
              4 serviceAccountToken *ServiceAccountTokenProjection,omitempty
              5 clusterTrustBundle *ClusterTrustBundleProjection,omitempty
            SecretProjection
              1 localObjectReference LocalObjectReference,inline
              2 items []KeyToPath,omitempty
              4 optional *bool,omitempty
            ConfigMapProjection
              1 localObjectReference LocalObjectReference,inline
              2 items []KeyToPath,omitempty
              4 optional *bool,omitempty
            DownwardAPIProjection
              1 items []DownwardAPIVolumeFile,omitempty
            ServiceAccountTokenProjection
              1 audience string,omitempty
              2 expirationSeconds *int64,omitempty
              3 path string
            ClusterTrustBundleProjection
              1 name *string,omitempty
              2 signerName *string,omitempty
              3 labelSelector *meta.LabelSelector,omitempty
              5 optional *bool,omitempty
              4 path string
            KeyToPath
              1 key string
              2 path string
              3 mode *int32,omitempty
            CSIVolumeSource
              1 driver string
              2 readOnly *bool,omitempty
              3 fsType *string,omitempty
              4 volumeAttributes map[string]string,omitempty
              5 nodePublishSecretRef *LocalObjectReference,omitempty
            EphemeralVolumeSource
              1 volumeClaimTemplate *PersistentVolumeClaimTemplate,omitempty
            ImageVolumeSource
              1 reference string,omitempty
              2 pullPolicy string,omitempty
            PersistentVolumeClaimTemplate
              1 metadata meta.ObjectMeta,omitempty
              2 spec PersistentVolumeClaimSpec
            PersistentVolumeClaimSpec
              1 accessModes []string,omitempty
              4 selector *meta.LabelSelector,omitempty
              2 resources VolumeResourceRequirements,omitempty
              3 volumeName string,omitempty
              5 storageClassName *string,omitempty
              6 volumeMode *string,omitempty
              7 dataSource *TypedLocalObjectReference,omitempty
              8 dataSourceRef *TypedObjectReference,omitempty
              9 volumeAttributesClassName *string,omitempty
            VolumeResourceRequirements
              1 limits map[string]resource.Quantity,omitempty
              2 requests map[string]resource.Quantity,omitempty
            TypedObjectReference
              1 apiGroup *string
              2 kind string
              3 name string
              4 namespace *string,omitempty
            TypedLocalObjectReference
              1 apiGroup *string
              2 kind string
              3 name string
        """);
}
