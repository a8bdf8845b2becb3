using System.Text.Json.Nodes;
using ActorOrchestrator.NodeAgent.Runtime;

namespace ActorOrchestrator.NodeAgentTests.Pods;

/// <summary>A pod from Pending to Running on the fake engine: the exact status, images, environment.</summary>
[Trait("Category", "Unit")]
public sealed class PodStartTests : IAsyncLifetime
{
    private readonly FakePodHarness _node = new(o => o with
    {
        ServiceEnvironment = ns => [new EnvVar("KUBIA_SERVICE_HOST", "10.96.0.10"), new EnvVar("KUBIA_SERVICE_PORT", "80")],
    });

    public Task InitializeAsync() => _node.Manager.StartAsync(CancellationToken.None);

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task A_kubia_pod_runs_and_reports_the_exact_Kubernetes_status()
    {
        _node.Manager.Sync([TestPods.Simple("kubia", "luksa/kubia", """ "ports": [{ "containerPort": 8080, "protocol": "TCP" }] """)]);
        await _node.SettleAsync();

        var container = Assert.Single(await _node.ContainersAsync("kubia", "kubia"));
        var imageId = (await _node.Runtime.InspectContainerAsync(container.Id)).ImageId;
        var expected = JsonNode.Parse($$"""
            {
              "phase": "Running",
              "conditions": [
                { "type": "PodReadyToStartContainers", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2025-01-01T00:00:10Z" },
                { "type": "Initialized", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2025-01-01T00:00:10Z" },
                { "type": "Ready", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2025-01-01T00:00:10Z" },
                { "type": "ContainersReady", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2025-01-01T00:00:10Z" },
                { "type": "PodScheduled", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2025-01-01T00:00:00Z" }
              ],
              "hostIP": "192.168.0.10",
              "hostIPs": [{ "ip": "192.168.0.10" }],
              "podIP": "10.88.0.2",
              "podIPs": [{ "ip": "10.88.0.2" }],
              "startTime": "2025-01-01T00:00:10Z",
              "containerStatuses": [
                {
                  "name": "kubia",
                  "state": { "running": { "startedAt": "2025-01-01T00:00:10Z" } },
                  "lastState": {},
                  "ready": true,
                  "restartCount": 0,
                  "image": "luksa/kubia",
                  "imageID": "docker://{{imageId}}",
                  "containerID": "docker://{{container.Id}}",
                  "started": true
                }
              ],
              "qosClass": "BestEffort"
            }
            """)!;
        Assert.Equal(expected.ToJsonString(), _node.Status("kubia").ToJsonString());

        Assert.Equal("You've hit kubia\n", _node.Engine.HttpGetFromHost("http://10.88.0.2:8080/")?.Body);
        Assert.Equal("10.88.0.2", _node.Manager.PodIp("default", "kubia"));
        Assert.Equal(container.Id, _node.Manager.Find("default", "kubia", null, previous: false)?.ContainerId);
        Assert.Equal(
            ["Normal Pulled spec.containers{kubia}: Container image \"luksa/kubia\" already present on machine",
             "Normal Created spec.containers{kubia}: Created container kubia",
             "Normal Started spec.containers{kubia}: Started container kubia"],
            _node.Reporter.Events("kubia").Select(e => e.ToString()));
    }

    [Fact]
    public async Task Before_the_containers_run_the_status_says_ContainerCreating()
    {
        _node.Engine.Latencies = FakeLatencies.None with { Pull = TimeSpan.FromSeconds(5) };
        _node.Manager.Sync([TestPods.Simple("slow", "luksa/kubia")]);
        await FakePodHarness.WaitForAsync(() => _node.Reporter.Latest("slow") is not null && _node.Calls("EnsureImage") == 1, "the first status");

        var waiting = _node.ContainerStatus("slow", "slow")!;
        Assert.Equal("Pending", _node.Phase("slow"));
        Assert.Equal("""{"waiting":{"reason":"ContainerCreating"}}""", waiting["state"]!.ToJsonString());
        Assert.Equal(("", false, false), (waiting["imageID"]!.GetValue<string>(), waiting["ready"]!.GetValue<bool>(), waiting["started"]!.GetValue<bool>()));
        Assert.Null(waiting["containerID"]);

        _node.Time.Advance(TimeSpan.FromSeconds(5));
        await _node.SettleAsync();
        Assert.Equal("Running", _node.Phase("slow"));
    }

    [Fact]
    public async Task Always_on_an_image_only_present_locally_runs_it_with_a_warning()
    {
        var pod = TestPods.Pod("always", """{ "containers": [{ "name": "kubia", "image": "luksa/kubia", "imagePullPolicy": "Always" }] }""");
        _node.Manager.Sync([pod]);
        await _node.SettleAsync();

        Assert.Equal("Running", _node.Phase("always"));
        var events = _node.Reporter.Events("always").Select(e => $"{e.Type} {e.Reason}: {e.Message}").ToList();
        Assert.Equal("Normal Pulling: Pulling image \"luksa/kubia\"", events[0]);
        Assert.StartsWith("Warning Failed: Failed to pull image \"luksa/kubia\": pull access denied", events[1], StringComparison.Ordinal);
        Assert.EndsWith("using the image already present on the node", events[1], StringComparison.Ordinal);
        Assert.Equal(["Normal Created: Created container kubia", "Normal Started: Started container kubia"], events[2..]);
    }

    [Fact]
    public async Task A_missing_image_waits_in_ErrImagePull_then_ImagePullBackOff_and_retries_with_back_off()
    {
        _node.Manager.Sync([TestPods.Simple("missing", "example/missing:1.0")]);
        await _node.SettleAsync();

        var waiting = _node.ContainerStatus("missing", "missing")!["state"]!["waiting"]!;
        Assert.Equal("ErrImagePull", waiting["reason"]!.GetValue<string>());
        Assert.Equal("pull access denied for example/missing:1.0: no registry reachable (simulated)", waiting["message"]!.GetValue<string>());
        Assert.Equal("Pending", _node.Phase("missing"));

        await _node.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal("""{"waiting":{"reason":"ImagePullBackOff","message":"Back-off pulling image \u0022example/missing:1.0\u0022"}}""",
            _node.ContainerStatus("missing", "missing")!["state"]!.ToJsonString());

        await _node.AdvanceAsync(TimeSpan.FromSeconds(14));
        _node.Engine.AddRegistryImages("example/missing:1.0");
        await _node.AdvanceUntilAsync(() => _node.Phase("missing") == "Running", TimeSpan.FromMinutes(1), "the pod running");

        var pulls = _node.Runtime.Calls.Where(c => c.Operation == "EnsureImage").Select(c => c.At - FakePodHarness.T0).ToList();
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)], pulls);
        var reasons = _node.Reporter.Events("missing").Select(e => $"{e.Reason}: {e.Message}").ToList();
        Assert.Equal(
            ["Pulling: Pulling image \"example/missing:1.0\"",
             "Failed: Failed to pull image \"example/missing:1.0\": pull access denied for example/missing:1.0: no registry reachable (simulated)",
             "Failed: Error: ErrImagePull",
             "BackOff: Back-off pulling image \"example/missing:1.0\"",
             "Failed: Error: ImagePullBackOff"],
            reasons[..5]);
        Assert.Equal(["Pulling: Pulling image \"example/missing:1.0\"", "Pulled: Successfully pulled image \"example/missing:1.0\" in 0s (0s including waiting)",
            "Created: Created container missing", "Started: Started container missing"], reasons[^4..]);
    }

    [Fact]
    public async Task Never_with_a_missing_image_waits_in_ErrImageNeverPull()
    {
        _node.Manager.Sync([TestPods.Pod("never", """{ "containers": [{ "name": "c", "image": "example/absent:2", "imagePullPolicy": "Never" }] }""")]);
        await _node.SettleAsync();

        Assert.Equal("ErrImageNeverPull", _node.ContainerStatus("never", "c")!["state"]!["waiting"]!["reason"]!.GetValue<string>());
        Assert.Contains(_node.Reporter.Events("never"), e => e.Reason == "ErrImageNeverPull" && e.Message == "Container image \"example/absent:2\" is not present with pull policy of Never");
    }

    [Fact]
    public async Task Environment_resolves_field_references_expansions_and_service_links()
    {
        IReadOnlyDictionary<string, string>? env = null;
        IReadOnlyList<string>? command = null;
        _node.Engine.AddLocalImages("example/env:1");
        _node.Engine.SetImageProgram("example/env:1", async p =>
        {
            (env, command) = (p.Env, p.Command);
            await p.WaitForTerminationAsync();
            return 0;
        });
        var pod = TestPods.Pod("env", """
            {
              "serviceAccountName": "builder",
              "containers": [{
                "name": "app", "image": "example/env:1", "command": ["/app", "$(POD_NAME)", "$(KUBIA_SERVICE_HOST)"],
                "env": [
                  { "name": "POD_NAME", "valueFrom": { "fieldRef": { "fieldPath": "metadata.name" } } },
                  { "name": "POD_NAMESPACE", "valueFrom": { "fieldRef": { "fieldPath": "metadata.namespace" } } },
                  { "name": "POD_UID", "valueFrom": { "fieldRef": { "fieldPath": "metadata.uid" } } },
                  { "name": "POD_IP", "valueFrom": { "fieldRef": { "fieldPath": "status.podIP" } } },
                  { "name": "NODE_NAME", "valueFrom": { "fieldRef": { "fieldPath": "spec.nodeName" } } },
                  { "name": "HOST_IP", "valueFrom": { "fieldRef": { "fieldPath": "status.hostIP" } } },
                  { "name": "SA", "valueFrom": { "fieldRef": { "fieldPath": "spec.serviceAccountName" } } },
                  { "name": "GREETING", "value": "hi $(POD_NAME) on $(NODE_NAME), $$(KEEP) $(MISSING) $(LATER)" },
                  { "name": "LATER", "value": "late" },
                  { "name": "LABEL", "valueFrom": { "fieldRef": { "fieldPath": "metadata.labels['app']" } } },
                  { "name": "PASSWORD", "valueFrom": { "secretKeyRef": { "name": "db", "key": "password" } } },
                  { "name": "KUBIA_SERVICE_PORT", "value": "8080" }
                ]
              }]
            }
            """);
        _node.Manager.Sync([pod]);
        await _node.SettleAsync();

        Assert.NotNull(env);
        Assert.Equal(new Dictionary<string, string>
        {
            ["POD_NAME"] = "env",
            ["POD_NAMESPACE"] = "default",
            ["POD_UID"] = "uid-env",
            ["POD_IP"] = "10.88.0.2",
            ["NODE_NAME"] = "node-1",
            ["HOST_IP"] = "192.168.0.10",
            ["SA"] = "builder",
            ["GREETING"] = "hi env on node-1, $(KEEP) $(MISSING) $(LATER)",
            ["LATER"] = "late",
            ["KUBIA_SERVICE_PORT"] = "8080",
            ["KUBIA_SERVICE_HOST"] = "10.96.0.10",
        }, env);
        Assert.Equal(["/app", "env", "10.96.0.10"], command);
        var warnings = _node.Reporter.Events("env").Where(e => e.Type == "Warning").Select(e => e.Message).ToList();
        Assert.Equal(
            ["Environment variable LABEL of container app skipped: fieldRef metadata.labels['app'] is not supported on this node",
             "Environment variable PASSWORD of container app skipped: valueFrom.secretKeyRef is not supported on this node"],
            warnings);
    }

    [Fact]
    public async Task Ports_limits_and_emptyDir_mounts_reach_the_runtime_and_other_volumes_are_skipped_with_a_warning()
    {
        ContainerSpec? seen = null;
        _node.Engine.AddProgram(spec => spec.Name == "web", async p =>
        {
            seen = p.Spec;
            await p.WaitForTerminationAsync();
            return 0;
        });
        var pod = TestPods.Pod("vols", """
            {
              "volumes": [{ "name": "cache", "emptyDir": {} }, { "name": "creds", "secret": { "secretName": "s" } }],
              "containers": [{
                "name": "web", "image": "luksa/kubia:latest", "imagePullPolicy": "IfNotPresent", "workingDir": "/srv",
                "ports": [{ "name": "http", "containerPort": 8080, "protocol": "TCP" }],
                "resources": { "limits": { "cpu": "500m", "memory": "64Mi" } },
                "volumeMounts": [{ "name": "cache", "mountPath": "/cache" }, { "name": "creds", "mountPath": "/creds", "readOnly": true }]
              }]
            }
            """);
        _node.Manager.Sync([pod]);
        await _node.SettleAsync();

        Assert.NotNull(seen);
        Assert.Equal("/srv", seen.WorkingDir);
        Assert.Equal([new ContainerPort(8080, "TCP", "http")], seen.Ports);
        Assert.Equal(new ResourceLimits(500_000_000, 64 * 1024 * 1024), seen.Limits);
        Assert.Equal([new VolumeMount("cache", "/cache")], seen.VolumeMounts);
        var warning = Assert.Single(_node.Reporter.Events("vols"), e => e.Type == "Warning");
        Assert.Equal("FailedMount", warning.Reason);
        Assert.Equal("Volume \"creds\" (secret) of container web skipped: only emptyDir volumes are supported on this node yet", warning.Message);
    }
}
