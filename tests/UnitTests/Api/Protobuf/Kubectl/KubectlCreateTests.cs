using ActorOrchestrator.Api.Protobuf;

namespace ActorOrchestrator.UnitTests.Api.Protobuf.Kubectl;

/// <summary>
/// Real kubectl: each typed create subcommand sends its object as protobuf; decoding that body must
/// give exactly the JSON kubectl prints for the same command under <c>--dry-run=client -o json</c>.
/// Both come from the same Go object (json.Marshal for the print, gogo Marshal for the wire), and
/// the decoder reproduces json.Marshal, so the trees are compared whole, key order aside. That
/// includes <c>"creationTimestamp": null</c> and <c>"status": {}</c>: Go's Marshal writes a zero
/// ObjectMeta.CreationTimestamp and a zero Status as empty messages, and the decoder turns them
/// back into what json.Marshal prints for them.
/// </summary>
[Trait("Category", "Unit")]
public sealed class KubectlCreateTests(KubectlFixture kubectl) : IClassFixture<KubectlFixture>
{
    public static TheoryData<string> Commands => [.. CreateCommands.Keys];

    // Each command as a user would type it; names differ so the captured writes are easy to tell apart.
    private static readonly Dictionary<string, string[]> CreateCommands = new()
    {
        ["namespace"] = ["create", "namespace", "team-a"],
        ["deployment"] = ["create", "deployment", "web", "--image=nginx:1.27", "--replicas=3", "--port=8080"],
        ["deployment with two images"] = ["create", "deployment", "pair", "--image=nginx", "--image=redis"],
        ["job"] = ["create", "job", "once", "--image=busybox", "--", "echo", "hello"],
        ["job from cronjob"] = ["create", "job", "manual", "--from=cronjob/nightly"],
        ["cronjob"] = ["create", "cronjob", "tick", "--image=busybox", "--schedule=*/5 * * * *", "--restart=OnFailure", "--", "date"],
        ["service clusterip"] = ["create", "service", "clusterip", "web", "--tcp=80:8080", "--tcp=443:8443"],
        ["service clusterip headless"] = ["create", "service", "clusterip", "headless", "--clusterip=None"],
        ["service nodeport"] = ["create", "service", "nodeport", "web-np", "--tcp=80:8080", "--node-port=30080"],
        ["service loadbalancer"] = ["create", "service", "loadbalancer", "web-lb", "--tcp=443:https"],
        ["service externalname"] = ["create", "service", "externalname", "ext", "--external-name=example.com", "--tcp=80"],
        ["serviceaccount"] = ["create", "serviceaccount", "robot"],
        ["configmap"] = ["create", "configmap", "settings", "--from-literal=level=debug", "--from-literal=empty="],
        ["configmap from files"] = ["create", "configmap", "files", "--from-file=logo.bin", "--from-file=props=app.properties"],
        ["secret tls"] = ["create", "secret", "tls", "web-tls", "--cert=tls.crt", "--key=tls.key"],
        ["secret generic"] = ["create", "secret", "generic", "creds", "--from-literal=user=admin", "--from-literal=password=s3cr3t!", "--type=Opaque"],
        ["secret docker-registry"] = ["create", "secret", "docker-registry", "registry", "--docker-server=r.example.com", "--docker-username=u", "--docker-password=p"],
        ["role"] = ["create", "role", "reader", "--verb=get,list,watch", "--resource=pods,deployments.apps,pods/log", "--resource-name=web"],
        ["clusterrole"] = ["create", "clusterrole", "metrics", "--verb=get", "--non-resource-url=/metrics", "--non-resource-url=/healthz/*"],
        ["clusterrole aggregated"] = ["create", "clusterrole", "monitoring", "--aggregation-rule=rbac.example.com/aggregate-to-monitoring=true"],
        ["rolebinding"] = ["create", "rolebinding", "read", "--role=reader", "--user=alice", "--group=devs", "--serviceaccount=default:robot"],
        ["rolebinding to clusterrole"] = ["create", "rolebinding", "view", "--clusterrole=view", "--user=carol"],
        ["clusterrolebinding"] = ["create", "clusterrolebinding", "admins", "--clusterrole=cluster-admin", "--user=bob", "--group=ops"],
        ["quota"] = ["create", "quota", "limits", "--hard=cpu=2,memory=1Gi,pods=10,requests.storage=100Gi", "--scopes=NotTerminating,NotBestEffort"],
        ["poddisruptionbudget min-available"] = ["create", "poddisruptionbudget", "web-pdb", "--selector=app=web", "--min-available=50%"],
        ["poddisruptionbudget max-unavailable"] = ["create", "poddisruptionbudget", "db-pdb", "--selector=app=db,tier in (backend)", "--max-unavailable=1"],
        ["priorityclass"] = ["create", "priorityclass", "high", "--value=1000", "--description=important work", "--preemption-policy=Never"],
        ["priorityclass default"] = ["create", "priorityclass", "base", "--value=0", "--global-default"],
        ["ingress"] = ["create", "ingress", "web", "--class=nginx", "--rule=example.com/api*=api:8080,tls=web-tls", "--rule=/static=static:http", "--annotation=team=web", "--default-backend=fallback:80"],
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Protobuf_body_decodes_to_the_object_dry_run_prints(string command)
    {
        kubectl.Server.Answer("GET", "/apis/batch/v1/namespaces/default/cronjobs/nightly", 200, RichCronJob.Json);
        var arguments = CreateCommands[command];

        var expected = kubectl.DryRun(arguments);
        var (write, result) = kubectl.CaptureWrite(arguments);

        Assert.Equal(KubernetesProtobuf.MediaType, write.ContentType);
        CanonicalJson.Equal(expected, KubernetesProtobuf.Decode(write.Body));
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', arguments)} failed: {result}");
    }
}
