using System.Text.Json.Nodes;
using ActorOrchestrator.EndToEndTests.Infrastructure;
using k8s;
using k8s.Models;

namespace ActorOrchestrator.EndToEndTests.ControlPlane;

/// <summary>
/// The notes' pods, labels, annotations and namespaces walkthrough, with their own manifests and
/// stock kubectl, against a real silo and Gateway on PostgreSQL.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class KubectlWalkthroughTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private Kubectl Kubectl => fixture.Cluster.Kubectl;

    [Fact]
    public async Task GetNamespacesListsTheSystemNamespaces()
    {
        var result = (await Kubectl.RunAsync("get", "namespaces")).EnsureSuccess();

        var lines = TableLines(result.Output);
        Assert.Equal(["NAME", "STATUS", "AGE"], lines[0]);
        foreach (var name in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            var row = Assert.Single(lines, l => l[0] == name);
            Assert.Equal("Active", row[1]);
        }
    }

    [Fact]
    public async Task PodsLabelsAnnotationsAndNamespacesWorkAsTheNotesShow()
    {
        Assert.Contains("pod/kubia-manual created", (await Kubectl.RunAsync("create", "-f", RepositoryPaths.Seed("kubia-manual.yml"))).EnsureSuccess().Output);
        Assert.Contains("namespace/custom-namespace created", (await Kubectl.RunAsync("create", "-f", RepositoryPaths.Seed("custom-namespace.yml"))).EnsureSuccess().Output);

        var pods = TableLines((await Kubectl.RunAsync("get", "pods")).EnsureSuccess().Output);
        Assert.Equal(["NAME", "READY", "STATUS", "RESTARTS", "AGE"], pods[0]);
        var manual = Assert.Single(pods, l => l[0] == "kubia-manual");
        Assert.Equal("0/1", manual[1]);
        Assert.Equal("0", manual[3]);

        Assert.Contains("pod/kubia-manual-v2 created",
            (await Kubectl.RunAsync("create", "-f", RepositoryPaths.Seed("kubia-manual-with-labels.yml"))).EnsureSuccess().Output);
        var withLabels = TableLines((await Kubectl.RunAsync("get", "pods", "--show-labels")).EnsureSuccess().Output);
        Assert.Equal("LABELS", withLabels[0][^1]);
        Assert.Equal("<none>", Assert.Single(withLabels, l => l[0] == "kubia-manual")[^1]);
        Assert.Equal("creation_method=manual,env=prod", Assert.Single(withLabels, l => l[0] == "kubia-manual-v2")[^1]);

        var labelColumns = TableLines((await Kubectl.RunAsync("get", "pods", "-L", "creation_method,env")).EnsureSuccess().Output);
        Assert.Equal(["CREATION_METHOD", "ENV"], labelColumns[0][^2..]);
        Assert.Equal(["manual", "prod"], Assert.Single(labelColumns, l => l[0] == "kubia-manual-v2")[^2..]);

        Assert.Contains("pod/kubia-manual labeled", (await Kubectl.RunAsync("label", "pods", "kubia-manual", "creation_method=manual")).EnsureSuccess().Output);
        var refused = await Kubectl.RunAsync("label", "pods", "kubia-manual", "creation_method=manual-v2");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("already has a value", refused.Error);
        (await Kubectl.RunAsync("label", "pods", "kubia-manual", "creation_method=manual-v2", "--overwrite")).EnsureSuccess();

        var selected = TableLines((await Kubectl.RunAsync("get", "pods", "-l", "env in (prod),!legacy")).EnsureSuccess().Output);
        Assert.Equal(["kubia-manual-v2"], selected.Skip(1).Select(l => l[0]));

        Assert.Contains("pod/kubia-manual annotated",
            (await Kubectl.RunAsync("annotate", "pod", "kubia-manual", "mycompany.com/someannotation=foo bar")).EnsureSuccess().Output);
        await RecordEventAboutAsync("kubia-manual", "Checked", "walkthrough event");
        var described = (await Kubectl.RunAsync("describe", "pod", "kubia-manual")).EnsureSuccess().Output;
        Assert.Matches(@"Labels:\s+creation_method=manual-v2", described);
        Assert.Matches(@"Annotations:\s+mycompany.com/someannotation: foo bar", described);
        Assert.Matches(@"Normal\s+Checked\s+.*walkthrough event", described);

        (await Kubectl.RunAsync("label", "pods", "kubia-manual", "creation_method=manual", "--overwrite")).EnsureSuccess();
        var deleted = (await Kubectl.RunAsync("delete", "pods", "-l", "creation_method=manual")).EnsureSuccess().Output;
        Assert.Contains("pod \"kubia-manual\" deleted", deleted);
        Assert.Contains("pod \"kubia-manual-v2\" deleted", deleted);
        Assert.DoesNotContain("kubia-manual", (await Kubectl.RunAsync("get", "pods")).Output + (await Kubectl.RunAsync("get", "pods")).Error);

        Assert.Contains("pod/kubia-gpu created",
            (await Kubectl.RunAsync("create", "-f", RepositoryPaths.Seed("kubia-gpu.yml"), "-n", "custom-namespace")).EnsureSuccess().Output);
        Assert.Contains("namespace \"custom-namespace\" deleted",
            (await Kubectl.RunAsync(["delete", "namespace", "custom-namespace"], null, TimeSpan.FromSeconds(90))).EnsureSuccess().Output);
        var gone = await Kubectl.RunAsync("get", "namespace", "custom-namespace");
        Assert.Contains("NotFound", gone.Error);
        using var client = fixture.Cluster.Client();
        var left = await client.CoreV1.ListNamespacedPodAsync("custom-namespace");
        Assert.Empty(left.Items);
    }

    [Fact]
    public async Task CreateNamespaceFromTheCommandLine()
    {
        // kubectl sends this one as protobuf.
        Assert.Contains("namespace/custom-namespace2 created", (await Kubectl.RunAsync("create", "namespace", "custom-namespace2")).EnsureSuccess().Output);
        var row = Assert.Single(TableLines((await Kubectl.RunAsync("get", "ns", "custom-namespace2")).EnsureSuccess().Output), l => l[0] == "custom-namespace2");
        Assert.Equal("Active", row[1]);
    }

    [Fact]
    public async Task YamlOutputRoundTrips()
    {
        (await Kubectl.RunAsync("create", "namespace", "round-trip")).EnsureSuccess();
        (await Kubectl.RunAsync("create", "-f", RepositoryPaths.Seed("kubia-manual.yml"), "-n", "round-trip")).EnsureSuccess();
        var yaml = (await Kubectl.RunAsync("get", "pod", "kubia-manual", "-n", "round-trip", "-o", "yaml")).EnsureSuccess().Output;
        Assert.Contains("uid:", yaml);
        Assert.Contains("resourceVersion:", yaml);
        Assert.Contains("creationTimestamp:", yaml);
        Assert.Contains("image: taodaling/kubia", yaml);

        var replaced = await Kubectl.RunAsync(["replace", "-f", "-"], yaml, TimeSpan.FromSeconds(60));
        Assert.Contains("pod/kubia-manual replaced", replaced.EnsureSuccess().Output);
        var again = (await Kubectl.RunAsync("get", "pod", "kubia-manual", "-n", "round-trip", "-o", "json")).EnsureSuccess().Output;
        var before = k8s.KubernetesYaml.Deserialize<V1Pod>(yaml);
        var after = k8s.KubernetesJson.Deserialize<V1Pod>(again);
        Assert.Equal(before.Metadata.Uid, after.Metadata.Uid);
        Assert.Equal(k8s.KubernetesJson.Serialize(before.Spec), k8s.KubernetesJson.Serialize(after.Spec));
    }

    private async Task RecordEventAboutAsync(string podName, string reason, string message)
    {
        using var client = fixture.Cluster.Client();
        var pod = await client.CoreV1.ReadNamespacedPodAsync(podName, "default");
        await client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = $"{podName}.{Guid.NewGuid():N}"[..40] },
            InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = podName, NamespaceProperty = "default", Uid = pod.Metadata.Uid, ApiVersion = "v1" },
            Reason = reason,
            Message = message,
            Type = "Normal",
            Count = 1,
            FirstTimestamp = DateTime.UtcNow,
            LastTimestamp = DateTime.UtcNow,
            Source = new V1EventSource { Component = "walkthrough-test" },
        }, "default");
    }

    private static List<string[]> TableLines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => System.Text.RegularExpressions.Regex.Split(line.Trim(), @"\s{2,}"))
            .ToList();
}
