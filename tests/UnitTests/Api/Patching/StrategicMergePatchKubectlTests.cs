using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Patching;
using ActorOrchestrator.Api.Resources;

namespace ActorOrchestrator.UnitTests.Api.Patching;

/// <summary>The patches kubectl apply and kubectl edit really send, against the kinds this API serves.</summary>
public class StrategicMergePatchKubectlTests
{
    private static readonly JsonObject TwoContainerPod = Json.Obj("""
        {"apiVersion":"v1","kind":"Pod",
         "metadata":{"name":"web","namespace":"default","uid":"u1","resourceVersion":"7","labels":{"app":"web"},"finalizers":["a.io/x","b.io/y"]},
         "spec":{"containers":[
            {"name":"app","image":"nginx:1.26","ports":[{"containerPort":80,"protocol":"TCP"}],"terminationMessagePath":"/dev/termination-log",
             "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"volumeMounts":[{"name":"data","mountPath":"/data"}]},
            {"name":"sidecar","image":"busybox","args":["sleep","3600"]}],
          "volumes":[{"name":"data","emptyDir":{}}],
          "tolerations":[{"key":"a","operator":"Exists"},{"key":"b","operator":"Exists"}],
          "nodeName":"node-1"},
         "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"},{"type":"Initialized","status":"True"}],
                   "containerStatuses":[{"name":"app","ready":true},{"name":"sidecar","ready":true}]}}
        """);

    private static JsonObject PodWith(string patch) => StrategicMergePatch.Apply(TwoContainerPod, Json.Obj(patch), ResourceRegistry.Pods);

    [Fact]
    public void Apply_changing_one_image_in_a_two_container_pod_touches_only_that_image()
    {
        var result = PodWith("""
            {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}\n"}},
             "spec":{"$setElementOrder/containers":[{"name":"app"},{"name":"sidecar"}],
                     "containers":[{"image":"nginx:1.27","name":"app"}]}}
            """);
        var expected = TwoContainerPod.Clone();
        expected["spec"]!["containers"]![0]!["image"] = "nginx:1.27";
        expected["metadata"]!["annotations"] = new JsonObject { ["kubectl.kubernetes.io/last-applied-configuration"] = "{}\n" };
        Json.Equal(expected, result);
    }

    [Fact]
    public void Apply_reordering_containers_follows_set_element_order()
    {
        var result = PodWith("""{"spec":{"$setElementOrder/containers":[{"name":"sidecar"},{"name":"app"}]}}""");
        Assert.Equal(["sidecar", "app"], result["spec"]!["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal("nginx:1.26", result["spec"]!["containers"]![1]!["image"]!.GetValue<string>());
    }

    [Fact]
    public void Apply_removing_a_container_uses_a_delete_directive()
    {
        var result = PodWith("""{"spec":{"$setElementOrder/containers":[{"name":"app"}],"containers":[{"$patch":"delete","name":"sidecar"}]}}""");
        Assert.Equal(["app"], result["spec"]!["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void Apply_adding_a_container_places_it_where_set_element_order_says()
    {
        var result = PodWith("""
            {"spec":{"$setElementOrder/containers":[{"name":"app"},{"name":"logger"},{"name":"sidecar"}],
                     "containers":[{"image":"fluentd","name":"logger"}]}}
            """);
        Assert.Equal(["app", "logger", "sidecar"], result["spec"]!["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void Edit_adding_a_port_and_removing_an_env_var_merges_nested_lists_by_their_keys()
    {
        var result = PodWith("""
            {"spec":{"$setElementOrder/containers":[{"name":"app"},{"name":"sidecar"}],
                     "containers":[{"$setElementOrder/env":[{"name":"A"}],"$setElementOrder/ports":[{"containerPort":80},{"containerPort":8080}],
                                    "env":[{"$patch":"delete","name":"B"}],"name":"app","ports":[{"containerPort":8080,"protocol":"TCP"}]}]}}
            """);
        var app = result["spec"]!["containers"]![0]!;
        Json.Equal("""[{"containerPort":80,"protocol":"TCP"},{"containerPort":8080,"protocol":"TCP"}]""", app["ports"]);
        Json.Equal("""[{"name":"A","value":"1"}]""", app["env"]);
        Json.Equal("""[{"name":"data","mountPath":"/data"}]""", app["volumeMounts"]);
    }

    [Fact]
    public void Changing_an_env_value_merges_by_name()
    {
        var result = PodWith("""{"spec":{"containers":[{"name":"app","env":[{"name":"B","value":"two"}]}]}}""");
        Json.Equal("""[{"name":"A","value":"1"},{"name":"B","value":"two"}]""", result["spec"]!["containers"]![0]!["env"]);
    }

    [Fact]
    public void Volume_mounts_merge_by_mount_path_and_volumes_by_name_with_retain_keys()
    {
        var result = PodWith("""
            {"spec":{"volumes":[{"$retainKeys":["configMap","name"],"configMap":{"name":"cm"},"name":"data"}],
                     "containers":[{"name":"app","volumeMounts":[{"mountPath":"/data","readOnly":true}]}]}}
            """);
        Json.Equal("""[{"name":"data","configMap":{"name":"cm"}}]""", result["spec"]!["volumes"]);
        Json.Equal("""[{"name":"data","mountPath":"/data","readOnly":true}]""", result["spec"]!["containers"]![0]!["volumeMounts"]);
    }

    [Fact]
    public void Tolerations_are_replaced_whole()
    {
        var result = PodWith("""{"spec":{"tolerations":[{"key":"c","operator":"Exists"}]}}""");
        Json.Equal("""[{"key":"c","operator":"Exists"}]""", result["spec"]!["tolerations"]);
    }

    [Fact]
    public void Finalizers_merge_as_a_set_with_delete_from_primitive_list()
    {
        var result = PodWith("""
            {"metadata":{"$setElementOrder/finalizers":["a.io/x","c.io/z"],"$deleteFromPrimitiveList/finalizers":["b.io/y"],"finalizers":["c.io/z"]}}
            """);
        Json.Equal("""["a.io/x","c.io/z"]""", result["metadata"]!["finalizers"]);
        // Without $setElementOrder, Kubernetes puts items the object lacked before the ones it had.
        Json.Equal("""["z","a.io/x","b.io/y"]""", PodWith("""{"metadata":{"finalizers":["z","a.io/x"]}}""")["metadata"]!["finalizers"]);
    }

    [Fact]
    public void Labels_merge_and_null_removes_a_label()
    {
        var result = PodWith("""{"metadata":{"labels":{"app":null,"tier":"fe"}}}""");
        Json.Equal("""{"tier":"fe"}""", result["metadata"]!["labels"]);
    }

    [Fact]
    public void Status_conditions_merge_by_type_and_container_statuses_are_replaced()
    {
        var result = PodWith("""
            {"status":{"conditions":[{"type":"Ready","status":"False","reason":"ContainersNotReady"}],
                       "containerStatuses":[{"name":"app","ready":false}]}}
            """);
        Json.Equal("""[{"type":"Ready","status":"False","reason":"ContainersNotReady"},{"type":"Initialized","status":"True"}]""", result["status"]!["conditions"]);
        Json.Equal("""[{"name":"app","ready":false}]""", result["status"]!["containerStatuses"]);
    }

    [Fact]
    public void Map_directives_replace_and_delete()
    {
        Json.Equal("""{"only":"this"}""", PodWith("""{"metadata":{"labels":{"$patch":"replace","only":"this"}}}""")["metadata"]!["labels"]);
        Json.Equal("{}", PodWith("""{"metadata":{"labels":{"$patch":"delete"}}}""")["metadata"]!["labels"]);
        Json.Equal("""{"app":"web","x":"y"}""", PodWith("""{"metadata":{"labels":{"$patch":"merge","x":"y"}}}""")["metadata"]!["labels"]);
    }

    [Fact]
    public void A_replace_item_makes_the_patch_list_the_whole_list()
    {
        var result = PodWith("""{"spec":{"containers":[{"$patch":"replace"},{"name":"only","image":"x"}]}}""");
        Json.Equal("""[{"name":"only","image":"x"}]""", result["spec"]!["containers"]);
    }

    [Fact]
    public void New_content_never_carries_directives_or_nulls()
    {
        var pod = Json.Obj("""{"metadata":{"name":"p"}}""");
        var result = StrategicMergePatch.Apply(pod, Json.Obj("""
            {"spec":{"$setElementOrder/containers":[{"name":"a"}],"containers":[{"name":"a","image":"x","env":[{"name":"E","value":null},{"$patch":"delete","name":"F"}]}],
                     "affinity":{"$patch":"delete"},"nodeSelector":null,"dnsConfig":{"$retainKeys":["options"],"options":[]}}}
            """), ResourceRegistry.Pods);
        Json.Equal("""{"metadata":{"name":"p"},"spec":{"containers":[{"name":"a","image":"x","env":[{"name":"E"}]}],"dnsConfig":{"options":[]}}}""", result);
    }

    [Fact]
    public void Deployment_template_containers_merge_by_name_and_strategy_honours_retain_keys()
    {
        var deployment = Json.Obj("""
            {"metadata":{"name":"d"},
             "spec":{"replicas":2,"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}},
                     "template":{"metadata":{"labels":{"app":"d"}},"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"2"}]}}}}
            """);
        var result = StrategicMergePatch.Apply(deployment, Json.Obj("""
            {"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate","rollingUpdate":null},
                     "template":{"spec":{"$setElementOrder/containers":[{"name":"a"},{"name":"b"}],"containers":[{"image":"3","name":"b"}]}}}}
            """), ResourceRegistry.Deployments);
        Json.Equal("""{"type":"Recreate"}""", result["spec"]!["strategy"]);
        Json.Equal("""[{"name":"a","image":"1"},{"name":"b","image":"3"}]""", result["spec"]!["template"]!["spec"]!["containers"]);
    }

    [Theory]
    [InlineData("ReplicaSet")]
    [InlineData("ReplicationController")]
    [InlineData("DaemonSet")]
    [InlineData("Job")]
    public void Template_workloads_merge_pod_template_containers(string kind)
    {
        var obj = Json.Obj("""{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"1","ports":[{"containerPort":1}]}]}}}}""");
        var result = StrategicMergePatch.Apply(obj, Json.Obj("""{"spec":{"template":{"spec":{"containers":[{"name":"a","ports":[{"containerPort":2}]}]}}}}"""), kind);
        // New items go first when the patch gives no $setElementOrder, as in Kubernetes.
        Json.Equal("""[{"name":"a","image":"1","ports":[{"containerPort":2},{"containerPort":1}]}]""", result["spec"]!["template"]!["spec"]!["containers"]);
    }

    [Fact]
    public void CronJob_job_template_containers_merge_by_name()
    {
        var cronJob = Json.Obj("""{"spec":{"schedule":"* * * * *","jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"2"}]}}}}}}""");
        var result = StrategicMergePatch.Apply(cronJob, Json.Obj("""{"spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"b","image":"3"}]}}}}}}"""), ResourceRegistry.CronJobs);
        Json.Equal("""[{"name":"a","image":"1"},{"name":"b","image":"3"}]""", result["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"]!["containers"]);
    }

    [Fact]
    public void Service_ports_merge_by_port()
    {
        var service = Json.Obj("""{"spec":{"ports":[{"port":80,"targetPort":8080},{"port":443}],"selector":{"app":"web"}}}""");
        var result = StrategicMergePatch.Apply(service, Json.Obj("""{"spec":{"ports":[{"port":80,"targetPort":9090}],"selector":{"tier":"fe"}}}"""), ResourceRegistry.Services);
        Json.Equal("""[{"port":80,"targetPort":9090},{"port":443}]""", result["spec"]!["ports"]);
        Json.Equal("""{"app":"web","tier":"fe"}""", result["spec"]!["selector"]);
    }

    [Fact]
    public void Node_status_conditions_merge_by_type()
    {
        var node = Json.Obj("""{"status":{"conditions":[{"type":"Ready","status":"True"},{"type":"MemoryPressure","status":"False"}]}}""");
        var result = StrategicMergePatch.Apply(node, Json.Obj("""{"status":{"conditions":[{"type":"Ready","status":"Unknown"}]}}"""), ResourceRegistry.Nodes);
        Json.Equal("""[{"type":"Ready","status":"Unknown"},{"type":"MemoryPressure","status":"False"}]""", result["status"]!["conditions"]);
    }

    [Fact]
    public void Owner_references_merge_by_uid_on_any_kind()
    {
        var cm = Json.Obj("""{"metadata":{"ownerReferences":[{"uid":"1","name":"a"}]},"data":{"k":"v"}}""");
        var result = StrategicMergePatch.Apply(cm, Json.Obj("""{"metadata":{"ownerReferences":[{"uid":"2","name":"b"}]},"data":{"k2":"v2"}}"""), ResourceRegistry.ConfigMaps);
        Json.Equal("""[{"uid":"2","name":"b"},{"uid":"1","name":"a"}]""", result["metadata"]!["ownerReferences"]);
        Json.Equal("""{"k":"v","k2":"v2"}""", result["data"]);
    }

    [Fact]
    public void Lists_of_unknown_kinds_are_replaced()
    {
        var result = StrategicMergePatch.Apply(Json.Obj("""{"spec":{"containers":[{"name":"a"}]}}"""), Json.Obj("""{"spec":{"containers":[{"name":"b"}]}}"""), "Widget");
        Json.Equal("""[{"name":"b"}]""", result["spec"]!["containers"]);
    }

    [Fact]
    public void Inputs_are_not_modified()
    {
        var before = TwoContainerPod.ToJsonString();
        var patch = Json.Obj("""{"spec":{"containers":[{"name":"app","image":"x","env":[{"name":"A","value":null}]}]},"metadata":{"labels":{"$patch":"replace","a":"b"}}}""");
        var patchBefore = patch.ToJsonString();
        var result = StrategicMergePatch.Apply(TwoContainerPod, patch, ResourceRegistry.Pods);
        result["spec"]!["containers"]![0]!["image"] = "changed";
        Assert.Equal(before, TwoContainerPod.ToJsonString());
        Assert.Equal(patchBefore, patch.ToJsonString());
    }

    [Fact]
    public void Schemas_cover_the_documented_paths()
    {
        var pod = PatchSchemas.For(ResourceRegistry.Pods);
        Assert.Equal(ListPatchRule.ByKey("name"), pod.RuleFor("spec.containers"));
        Assert.Equal(ListPatchRule.ByKey("containerPort"), pod.RuleFor("spec.initContainers[].ports"));
        Assert.Equal(ListPatchRule.ByKey("mountPath"), pod.RuleFor("spec.ephemeralContainers[].volumeMounts"));
        Assert.Equal(ListPatchRule.ByKey("name"), pod.RuleFor("spec.imagePullSecrets"));
        Assert.Equal(ListPatchRule.Replace, pod.RuleFor("spec.tolerations"));
        Assert.Equal(ListPatchRule.Replace, pod.RuleFor("status.containerStatuses"));
        Assert.Equal(ListPatchRule.MergeScalars, pod.RuleFor("metadata.finalizers"));
        var cronJob = PatchSchemas.For("CronJob");
        Assert.Equal(ListPatchRule.ByKey("name"), cronJob.RuleFor("spec.jobTemplate.spec.template.spec.containers[].env"));
        Assert.Equal(ListPatchRule.ByKey("uid"), cronJob.RuleFor("spec.jobTemplate.spec.template.metadata.ownerReferences"));
        Assert.Same(PatchSchemas.Generic, PatchSchemas.For("ConfigMap"));
        Assert.Equal(2, PatchSchemas.Generic.Lists.Count);
    }
}
