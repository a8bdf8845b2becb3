namespace ActorOrchestrator.Grains.Controllers;

/// <summary>The annotations the Deployment controller keeps on its ReplicaSets and on itself.</summary>
public static class DeploymentAnnotations
{
    public const string Revision = "deployment.kubernetes.io/revision";
    public const string RevisionHistory = "deployment.kubernetes.io/revision-history";
    public const string DesiredReplicas = "deployment.kubernetes.io/desired-replicas";
    public const string MaxReplicas = "deployment.kubernetes.io/max-replicas";
    public const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";
    public const string DeprecatedRollbackTo = "deprecated.deployment.rollback.to";

    /// <summary>Kubernetes caps revision-history at about 2000 characters.</summary>
    public const int MaxRevisionHistoryChars = 2000;

    /// <summary>Annotations never copied from a Deployment to its ReplicaSets.</summary>
    public static bool SkipCopy(string key) =>
        key is LastApplied or Revision or RevisionHistory or DesiredReplicas or MaxReplicas or DeprecatedRollbackTo;
}
