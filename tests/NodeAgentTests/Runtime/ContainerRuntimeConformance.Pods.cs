using System.Net;
using ActorOrchestrator.NodeAgent.Runtime;
using static ActorOrchestrator.NodeAgentTests.Runtime.ConformanceWorkloads;

namespace ActorOrchestrator.NodeAgentTests.Runtime;

public abstract partial class ContainerRuntimeConformance
{
    [Fact]
    public async Task Sandbox_gets_its_own_ip_name_and_labels()
    {
        var first = NewPod("ip-one");
        var second = NewPod("ip-two");

        var one = await SandboxAsync(first);
        var two = await SandboxAsync(second);

        Assert.True(IPAddress.TryParse(one.PodIp, out var address), one.PodIp);
        Assert.Equal(System.Net.Sockets.AddressFamily.InterNetwork, address.AddressFamily);
        Assert.NotEqual(one.PodIp, two.PodIp);
        Assert.Equal($"ao_{NodeA}_conformance_{first.Name}_POD_0", one.Name);
        var status = await Runtime.InspectContainerAsync(one.Id);
        Assert.Equal(ContainerState.Running, status.State);
        Assert.True(status.Labels.IsSandbox);
        Assert.Equal((first.Uid, first.Name, first.Namespace, NodeA, 0), (status.Labels.PodUid, status.Labels.PodName, status.Labels.PodNamespace, status.Labels.Node, status.Labels.Attempt));
        Assert.Equal(RunId, status.Labels.All[TestRunLabel]);
    }

    [Fact]
    public async Task Containers_of_a_pod_share_localhost_and_the_pod_hostname()
    {
        var pod = NewPod("localhost");
        var sandbox = await SandboxAsync(pod);

        var server = await RunAsync(Spec(pod, sandbox, "server", Kubia) with { Ports = [new ContainerPort(8080, Name: "http")] });
        var client = await RunAsync(Shell(Spec(pod, sandbox, "client", Kubia), WgetLocalhost));

        var exited = await WaitForExitAsync(client);
        Assert.Equal(0, exited.ExitCode);
        Assert.Contains($"You've hit {pod.Name}", await StdoutAsync(client));
        Assert.Equal(ContainerState.Running, (await Runtime.InspectContainerAsync(server)).State);
        Assert.Equal("http:8080/TCP", (await Runtime.InspectContainerAsync(server)).Labels.All[RuntimeLabels.PortsKey]);
    }

    [Fact]
    public async Task EmptyDir_is_shared_by_the_pods_containers_and_removed_with_the_pod()
    {
        var pod = NewPod("empty-dir");
        var sandbox = await SandboxAsync(pod);
        var writer = Shell(Spec(pod, sandbox, "writer", Kubia), WriteShared) with { VolumeMounts = [new VolumeMount("shared", "/data")] };
        var reader = Shell(Spec(pod, sandbox, "reader", Kubia), ReadShared) with { VolumeMounts = [new VolumeMount("shared", "/mnt/in", ReadOnly: true)] };

        Assert.Equal(0, (await WaitForExitAsync(await RunAsync(writer))).ExitCode);
        var read = await RunAsync(reader);
        Assert.Equal(0, (await WaitForExitAsync(read)).ExitCode);
        Assert.Equal([SharedText], await StdoutAsync(read));

        Assert.Equal(3, await Runtime.RemovePodAsync(pod.Uid));
        Assert.Empty(await Runtime.ListContainersAsync(RuntimeLabels.ForPod(pod.Uid)));

        // The same pod uid on this node again: the volume starts empty.
        var again = await SandboxAsync(pod, attempt: 1);
        var reread = await RunAsync(reader with { SandboxId = again.Id, Attempt = 1 });
        Assert.NotEqual(0, (await WaitForExitAsync(reread)).ExitCode);
        Assert.DoesNotContain(SharedText, await StdoutAsync(reread));
    }

    [Fact]
    public async Task Listing_and_pod_removal_touch_only_this_nodes_containers()
    {
        var runtimeB = await CreateRuntimeAsync(NodeB);
        var podA = NewPod("node-a");
        var podB = NewPod("node-b");
        var sandboxA = await SandboxAsync(podA);
        var sandboxB = await SandboxAsync(podB, runtime: runtimeB);

        Assert.Equal([sandboxA.Id], (await Runtime.ListContainersAsync(TestLabels)).Select(c => c.Id));
        Assert.Equal([sandboxB.Id], (await runtimeB.ListContainersAsync(TestLabels)).Select(c => c.Id));
        Assert.Empty(await Runtime.ListContainersAsync(RuntimeLabels.ForPod(podB.Uid)));
        Assert.Empty(await Runtime.ListContainersAsync(new Dictionary<string, string> { [RuntimeLabels.NodeKey] = NodeB }));

        Assert.Equal(0, await Runtime.RemovePodAsync(podB.Uid));
        Assert.Equal(ContainerState.Running, (await runtimeB.InspectContainerAsync(sandboxB.Id)).State);
    }
}
