using ActorOrchestrator.Api.Resources;
using static ActorOrchestrator.UnitTests.Gateway.TableAssertions;

namespace ActorOrchestrator.UnitTests.Gateway;

public class PodTableTests
{
    private static readonly ResourceType Pods = ResourceRegistry.Pods;

    [Fact]
    public void Columns_are_kubernetes_pod_columns()
    {
        Assert.Equal(["Name", "Ready", "Status", "Restarts", "Age"], ColumnNames(Pods, wide: false));
        Assert.Equal(["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"], ColumnNames(Pods));
    }

    [Fact]
    public void Running_pod()
    {
        var cells = Cells(Pods, """
            {"apiVersion":"v1","kind":"Pod",
             "metadata":{"name":"web-1","namespace":"default","creationTimestamp":"2025-01-01T10:00:00Z"},
             "spec":{"nodeName":"node-a","containers":[{"name":"web","image":"nginx:1.27"}]},
             "status":{"phase":"Running","podIP":"10.0.0.5","podIPs":[{"ip":"10.0.0.5"}],
               "conditions":[{"type":"Initialized","status":"True"},{"type":"Ready","status":"True"}],
               "containerStatuses":[{"name":"web","ready":true,"restartCount":0,"state":{"running":{"startedAt":"2025-01-01T10:00:05Z"}}}]}}
            """);
        Assert.Equal(["web-1", "1/1", "Running", "0", "5m", "10.0.0.5", "node-a", "<none>", "<none>"], cells);
    }

    [Fact]
    public void Crash_looping_pod_shows_restarts_with_time_of_last_one()
    {
        var cells = Cells(Pods, """
            {"metadata":{"name":"crashy","creationTimestamp":"2025-01-01T09:00:00Z"},
             "spec":{"nodeName":"node-a","containers":[{"name":"app","image":"busybox"}]},
             "status":{"phase":"Running","podIP":"10.0.0.6",
               "containerStatuses":[{"name":"app","ready":false,"restartCount":4,
                 "state":{"waiting":{"reason":"CrashLoopBackOff","message":"back-off 40s"}},
                 "lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":"2025-01-01T10:03:00Z"}}}]}}
            """);
        Assert.Equal(["crashy", "0/1", "CrashLoopBackOff", "4 (2m ago)", "65m", "10.0.0.6", "node-a", "<none>", "<none>"], cells);
    }

    [Fact]
    public void Terminating_pod()
    {
        var cells = Cells(Pods, """
            {"metadata":{"name":"going","creationTimestamp":"2025-01-01T10:00:00Z","deletionTimestamp":"2025-01-01T10:04:00Z"},
             "spec":{"containers":[{"name":"app","image":"busybox"}]},
             "status":{"phase":"Running",
               "containerStatuses":[{"name":"app","ready":true,"restartCount":0,"state":{"running":{}}}]}}
            """);
        Assert.Equal("Terminating", cells[2]);
        Assert.Equal("1/1", cells[1]);
    }

    [Fact]
    public void Completed_job_pod_reads_completed_and_carries_a_completed_row_condition()
    {
        var pod = """
            {"metadata":{"name":"job-abc","creationTimestamp":"2025-01-01T10:00:00Z","labels":{"job-name":"job"}},
             "spec":{"nodeName":"node-b","restartPolicy":"Never","containers":[{"name":"main","image":"perl"}]},
             "status":{"phase":"Succeeded","podIPs":[{"ip":"10.0.0.9"}],
               "containerStatuses":[{"name":"main","ready":false,"restartCount":0,
                 "state":{"terminated":{"exitCode":0,"reason":"Completed","finishedAt":"2025-01-01T10:01:00Z"}}}]}}
            """;
        Assert.Equal(["job-abc", "0/1", "Completed", "0", "5m", "10.0.0.9", "node-b", "<none>", "<none>"], Cells(Pods, pod));

        var table = ActorOrchestrator.Gateway.Printing.TablePrinter.ToTable(Pods, [Parse(pod)], "7",
            ActorOrchestrator.Gateway.Printing.TableIncludeObject.None, Now);
        var condition = table["rows"]![0]!["conditions"]![0]!;
        Assert.Equal("Completed", condition["type"]!.GetValue<string>());
        Assert.Equal("True", condition["status"]!.GetValue<string>());
        Assert.Equal("Succeeded", condition["reason"]!.GetValue<string>());
    }

    [Fact]
    public void Terminating_a_finished_pod_keeps_its_final_status()
    {
        var cells = Cells(Pods, """
            {"metadata":{"name":"done","creationTimestamp":"2025-01-01T10:00:00Z","deletionTimestamp":"2025-01-01T10:04:00Z"},
             "spec":{"containers":[{"name":"main"}]},
             "status":{"phase":"Succeeded","containerStatuses":[{"name":"main","state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}}
            """);
        Assert.Equal("Completed", cells[2]);
    }

    [Fact]
    public void Pending_pod_without_statuses_reads_pending()
    {
        var cells = Cells(Pods, """
            {"metadata":{"name":"p","creationTimestamp":"2025-01-01T10:04:15Z"},"spec":{"containers":[{"name":"a"},{"name":"b"}]},"status":{"phase":"Pending"}}
            """);
        Assert.Equal(["p", "0/2", "Pending", "0", "45s", "<none>", "<none>", "<none>", "<none>"], cells);
    }

    [Fact]
    public void Creating_containers_read_container_creating()
    {
        var cells = Cells(Pods, """
            {"metadata":{"name":"p","creationTimestamp":"2025-01-01T10:04:00Z"},"spec":{"nodeName":"n","containers":[{"name":"a"}]},
             "status":{"phase":"Pending","containerStatuses":[{"name":"a","ready":false,"restartCount":0,"state":{"waiting":{"reason":"ContainerCreating"}}}]}}
            """);
        Assert.Equal("ContainerCreating", cells[2]);
    }

    [Fact]
    public void Running_init_container_reads_init_progress()
    {
        var cells = Cells(Pods, """
            {"metadata":{"name":"p","creationTimestamp":"2025-01-01T10:04:00Z"},
             "spec":{"initContainers":[{"name":"i1"},{"name":"i2"}],"containers":[{"name":"a"}]},
             "status":{"phase":"Pending",
               "initContainerStatuses":[{"name":"i1","state":{"terminated":{"exitCode":0,"reason":"Completed"}}},{"name":"i2","state":{"running":{}}}],
               "containerStatuses":[{"name":"a","state":{"waiting":{"reason":"PodInitializing"}}}]}}
            """);
        Assert.Equal("Init:1/2", cells[2]);
    }

    [Fact]
    public void Crashing_init_container_reads_init_reason_and_counts_its_restarts()
    {
        var cells = Cells(Pods, """
            {"metadata":{"name":"p","creationTimestamp":"2025-01-01T10:00:00Z"},
             "spec":{"initContainers":[{"name":"i1"}],"containers":[{"name":"a"}]},
             "status":{"phase":"Pending",
               "initContainerStatuses":[{"name":"i1","restartCount":2,"state":{"waiting":{"reason":"CrashLoopBackOff"}},
                 "lastState":{"terminated":{"exitCode":1,"finishedAt":"2025-01-01T10:04:30Z"}}}]}}
            """);
        Assert.Equal("Init:CrashLoopBackOff", cells[2]);
        Assert.Equal("2 (30s ago)", cells[3]);
    }

    [Fact]
    public void Failed_init_container_without_reason_reads_exit_code()
    {
        var cells = Cells(Pods, """
            {"metadata":{"name":"p"},"spec":{"initContainers":[{"name":"i1"}],"containers":[{"name":"a"}]},
             "status":{"phase":"Failed","initContainerStatuses":[{"name":"i1","state":{"terminated":{"exitCode":3}}}]}}
            """);
        Assert.Equal("Init:ExitCode:3", cells[2]);
        Assert.Equal("<unknown>", cells[4]);
    }

    [Fact]
    public void Ready_sidecar_counts_as_a_ready_container()
    {
        var cells = Cells(Pods, """
            {"metadata":{"name":"p","creationTimestamp":"2025-01-01T10:00:00Z"},
             "spec":{"initContainers":[{"name":"proxy","restartPolicy":"Always"}],"containers":[{"name":"app"}]},
             "status":{"phase":"Running","conditions":[{"type":"Initialized","status":"True"},{"type":"Ready","status":"True"}],
               "initContainerStatuses":[{"name":"proxy","started":true,"ready":true,"restartCount":1,"state":{"running":{}}}],
               "containerStatuses":[{"name":"app","ready":true,"restartCount":0,"state":{"running":{}}}]}}
            """);
        Assert.Equal("2/2", cells[1]);
        Assert.Equal("Running", cells[2]);
        Assert.Equal("1", cells[3]);
    }

    [Fact]
    public void Readiness_gates_count_true_conditions()
    {
        var cells = Cells(Pods, """
            {"metadata":{"name":"p"},"spec":{"containers":[{"name":"a"}],"readinessGates":[{"conditionType":"example.com/lb"},{"conditionType":"example.com/dns"}]},
             "status":{"phase":"Running","nominatedNodeName":"n2","conditions":[{"type":"example.com/lb","status":"True"},{"type":"example.com/dns","status":"False"}]}}
            """);
        Assert.Equal("n2", cells[7]);
        Assert.Equal("1/2", cells[8]);
    }
}
