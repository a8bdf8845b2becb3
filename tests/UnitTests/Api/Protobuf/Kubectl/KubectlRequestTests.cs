using ActorOrchestrator.Api.Protobuf;
using ActorOrchestrator.UnitTests.Api;

namespace ActorOrchestrator.UnitTests.Api.Protobuf.Kubectl;

/// <summary>
/// Real kubectl commands whose bodies have no dry-run print (token requests, access reviews,
/// evictions). The expected JSON is what json.Marshal gives for the object kubectl 1.32 builds
/// (create_token.go, auth/cani.go, drain/drain.go): for example an unset <c>expirationSeconds</c>
/// pointer without omitempty prints null, and the empty ObjectMeta prints
/// <c>"creationTimestamp": null</c>.
/// </summary>
[Trait("Category", "Unit")]
public sealed class KubectlRequestTests(KubectlFixture kubectl) : IClassFixture<KubectlFixture>
{
    [Fact]
    public void Create_token_sends_a_token_request()
    {
        var (write, result) = kubectl.CaptureWrite("create", "token", "robot", "--audience=vault", "--audience=api",
            "--duration=10m", "--bound-object-kind=Pod", "--bound-object-name=web-0", "--bound-object-uid=7d1c");

        Assert.Equal("/api/v1/namespaces/default/serviceaccounts/robot/token", write.Path);
        AssertDecodes("""
            {"apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest",
             "metadata": {"creationTimestamp": null},
             "spec": {"audiences": ["vault", "api"], "expirationSeconds": 600,
                      "boundObjectRef": {"kind": "Pod", "apiVersion": "v1", "name": "web-0", "uid": "7d1c"}},
             "status": {"token": "", "expirationTimestamp": null}}
            """, write, result);
    }

    [Fact]
    public void Create_token_without_options_leaves_the_pointers_null()
    {
        var (write, result) = kubectl.CaptureWrite("create", "token", "robot");

        AssertDecodes("""
            {"apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest",
             "metadata": {"creationTimestamp": null},
             "spec": {"audiences": null, "expirationSeconds": null, "boundObjectRef": null},
             "status": {"token": "", "expirationTimestamp": null}}
            """, write, result);
    }

    [Fact]
    public void Auth_can_i_on_a_resource_sends_resource_attributes()
    {
        var (write, result) = kubectl.CaptureWrite("auth", "can-i", "update", "deployments.apps/web", "--subresource=scale", "--namespace=team-a");

        Assert.Equal("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", write.Path);
        AssertDecodes("""
            {"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
             "metadata": {"creationTimestamp": null},
             "spec": {"resourceAttributes": {"namespace": "team-a", "verb": "update", "group": "apps",
                                             "resource": "deployments", "subresource": "scale", "name": "web"}},
             "status": {"allowed": false}}
            """, write, result);
        Assert.Equal("yes", result.Stdout.Trim());
    }

    [Fact]
    public void Auth_can_i_on_a_url_sends_non_resource_attributes()
    {
        var (write, result) = kubectl.CaptureWrite("auth", "can-i", "get", "/logs/kubelet");

        AssertDecodes("""
            {"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
             "metadata": {"creationTimestamp": null},
             "spec": {"nonResourceAttributes": {"path": "/logs/kubelet", "verb": "get"}},
             "status": {"allowed": false}}
            """, write, result);
    }

    [Fact]
    public void Drain_evicts_with_policy_v1_eviction()
    {
        kubectl.Server.Answer("GET", "/api/v1/nodes/node-1", 200, Node);
        kubectl.Server.Answer("PATCH", "/api/v1/nodes/node-1", 200, Node.Replace("\"spec\": {}", "\"spec\": {\"unschedulable\": true}"));
        kubectl.Server.Answer("GET", "/api/v1/pods", 200, PodsOnNode);

        var (write, result) = kubectl.CaptureWrite("drain", "node-1", "--grace-period=30", "--timeout=30s");

        Assert.Equal("/api/v1/namespaces/default/pods/web-1/eviction", write.Path);
        // kubectl 1.32 drain evicts through the full clientset, which still sends JSON (the typed
        // group clients that create and auth use send protobuf). Either way the body must be this.
        AssertBody("""
            {"apiVersion": "policy/v1", "kind": "Eviction",
             "metadata": {"name": "web-1", "namespace": "default", "creationTimestamp": null},
             "deleteOptions": {"gracePeriodSeconds": 30}}
            """, write, result);
    }

    private static void AssertBody(string expectedJson, CapturedRequest write, KubectlResult result)
    {
        var body = KubernetesProtobuf.IsProtobuf(write.ContentType) ? KubernetesProtobuf.Decode(write.Body) : Json.Node(System.Text.Encoding.UTF8.GetString(write.Body));
        CanonicalJson.Equal(Json.Node(expectedJson), body);
        Assert.True(result.ExitCode == 0, $"kubectl failed: {result}");
    }

    private static void AssertDecodes(string expectedJson, CapturedRequest write, KubectlResult result)
    {
        Assert.Equal(KubernetesProtobuf.MediaType, write.ContentType);
        CanonicalJson.Equal(Json.Node(expectedJson), KubernetesProtobuf.Decode(write.Body));
        Assert.True(result.ExitCode == 0, $"kubectl failed: {result}");
    }

    private const string Node = """
        {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "node-1", "uid": "0b6f", "resourceVersion": "7"}, "spec": {}}
        """;

    // One pod with a controller, so drain needs neither --force nor --ignore-daemonsets.
    private const string PodsOnNode = """
        {"apiVersion": "v1", "kind": "PodList", "metadata": {"resourceVersion": "8"}, "items": [
          {"apiVersion": "v1", "kind": "Pod",
           "metadata": {"name": "web-1", "namespace": "default", "uid": "9a2e",
                        "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-5d4f", "uid": "1c3b", "controller": true}]},
           "spec": {"nodeName": "node-1", "containers": [{"name": "web", "image": "nginx"}]},
           "status": {"phase": "Running"}}]}
        """;
}
