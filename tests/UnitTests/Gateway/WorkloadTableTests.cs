using ActorOrchestrator.Api.Resources;
using static ActorOrchestrator.UnitTests.Gateway.TableAssertions;

namespace ActorOrchestrator.UnitTests.Gateway;

public class WorkloadTableTests
{
    private const string Template = """
        "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx:1.27"},{"name":"log","image":"fluent-bit"}]}}
        """;

    [Fact]
    public void Replication_controller()
    {
        Assert.Equal(["Name", "Desired", "Current", "Ready", "Age"], ColumnNames(ResourceRegistry.ReplicationControllers, wide: false));
        var cells = Cells(ResourceRegistry.ReplicationControllers, """
            {"metadata":{"name":"rc1","creationTimestamp":"2025-01-01T07:00:00Z"},
             "spec":{"replicas":3,"selector":{"app":"web"},TEMPLATE},
             "status":{"replicas":3,"readyReplicas":2}}
            """.Replace("TEMPLATE", Template, StringComparison.Ordinal));
        Assert.Equal(["rc1", 3L, 3L, 2L, "3h5m", "web,log", "nginx:1.27,fluent-bit", "app=web"], cells);
    }

    [Fact]
    public void Replica_set_with_expressions_in_its_selector()
    {
        var cells = Cells(ResourceRegistry.ReplicaSets, """
            {"metadata":{"name":"rs1","creationTimestamp":"2025-01-01T10:00:00Z"},
             "spec":{"selector":{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"In","values":["fe","be"]},{"key":"legacy","operator":"DoesNotExist"}]},TEMPLATE},
             "status":{}}
            """.Replace("TEMPLATE", Template, StringComparison.Ordinal));
        // replicas defaults to 1 as kube-apiserver would have defaulted it.
        Assert.Equal(["rs1", 1L, 0L, 0L, "5m", "web,log", "nginx:1.27,fluent-bit", "app=web,!legacy,tier in (be,fe)"], cells);
    }

    [Fact]
    public void Deployment()
    {
        Assert.Equal(["Name", "Ready", "Up-to-date", "Available", "Age"], ColumnNames(ResourceRegistry.Deployments, wide: false));
        var cells = Cells(ResourceRegistry.Deployments, """
            {"metadata":{"name":"web","creationTimestamp":"2025-01-01T10:03:00Z"},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},TEMPLATE},
             "status":{"replicas":3,"updatedReplicas":3,"readyReplicas":2,"availableReplicas":2}}
            """.Replace("TEMPLATE", Template, StringComparison.Ordinal));
        Assert.Equal(["web", "2/3", 3L, 2L, "2m", "web,log", "nginx:1.27,fluent-bit", "app=web"], cells);
    }

    [Fact]
    public void Daemon_set()
    {
        Assert.Equal(["Name", "Desired", "Current", "Ready", "Up-to-date", "Available", "Node Selector", "Age"],
            ColumnNames(ResourceRegistry.DaemonSets, wide: false));
        var cells = Cells(ResourceRegistry.DaemonSets, """
            {"metadata":{"name":"agent","creationTimestamp":"2025-01-01T10:00:00Z"},
             "spec":{"selector":{"matchLabels":{"app":"agent"}},"template":{"spec":{"nodeSelector":{"kubernetes.io/os":"linux"},"containers":[{"name":"a","image":"agent:1"}]}}},
             "status":{"desiredNumberScheduled":2,"currentNumberScheduled":2,"numberReady":1,"updatedNumberScheduled":2,"numberAvailable":1}}
            """);
        Assert.Equal(["agent", 2L, 2L, 1L, 2L, 1L, "kubernetes.io/os=linux", "5m", "a", "agent:1", "app=agent"], cells);
    }

    [Fact]
    public void Completed_job()
    {
        Assert.Equal(["Name", "Status", "Completions", "Duration", "Age"], ColumnNames(ResourceRegistry.Jobs, wide: false));
        var cells = Cells(ResourceRegistry.Jobs, """
            {"metadata":{"name":"pi","creationTimestamp":"2025-01-01T10:00:00Z"},
             "spec":{"completions":1,"parallelism":1,"selector":{"matchLabels":{"batch.kubernetes.io/controller-uid":"u1"}},
               "template":{"spec":{"containers":[{"name":"pi","image":"perl:5.34"}]}}},
             "status":{"startTime":"2025-01-01T10:00:02Z","completionTime":"2025-01-01T10:00:32Z","succeeded":1,
               "conditions":[{"type":"SuccessCriteriaMet","status":"True"},{"type":"Complete","status":"True"}]}}
            """);
        Assert.Equal(["pi", "Complete", "1/1", "30s", "5m", "pi", "perl:5.34", "batch.kubernetes.io/controller-uid=u1"], cells);
    }

    [Theory]
    [InlineData("""{"parallelism":3}""", """{"startTime":"2025-01-01T10:04:00Z","succeeded":1}""", "Running", "1/1 of 3", "60s")]
    [InlineData("""{"completions":5,"suspend":true}""", """{"conditions":[{"type":"Suspended","status":"True"}]}""", "Suspended", "0/5", "")]
    [InlineData("""{}""", """{"failed":4,"conditions":[{"type":"Failed","status":"True"}]}""", "Failed", "0/1", "")]
    public void Running_suspended_and_failed_jobs(string spec, string status, string expectedStatus, string completions, string duration)
    {
        var cells = Cells(ResourceRegistry.Jobs, """{"metadata":{"name":"j"},"spec":""" + spec + ""","status":""" + status + "}");
        Assert.Equal(expectedStatus, cells[1]);
        Assert.Equal(completions, cells[2]);
        Assert.Equal(duration, cells[3]);
    }

    [Fact]
    public void Cron_job()
    {
        Assert.Equal(["Name", "Schedule", "Timezone", "Suspend", "Active", "Last Schedule", "Age"], ColumnNames(ResourceRegistry.CronJobs, wide: false));
        var cells = Cells(ResourceRegistry.CronJobs, """
            {"metadata":{"name":"hello","creationTimestamp":"2024-12-31T10:05:00Z"},
             "spec":{"schedule":"*/5 * * * *","jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"hello","image":"busybox"}]}}}}},
             "status":{"active":[{"name":"hello-1"}],"lastScheduleTime":"2025-01-01T10:02:00Z"}}
            """);
        Assert.Equal(["hello", "*/5 * * * *", "<none>", "False", 1L, "3m", "24h", "hello", "busybox", "<none>"], cells);
    }
}
