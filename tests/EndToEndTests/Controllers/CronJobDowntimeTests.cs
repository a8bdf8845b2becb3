using System.Globalization;
using ActorOrchestrator.EndToEndTests.Infrastructure;
using k8s;

namespace ActorOrchestrator.EndToEndTests.Controllers;

/// <summary>
/// A CronJob whose control plane was down across several of its scheduled times runs once to catch up, for the
/// latest missed time only, as Kubernetes' controller does: a flood of stale runs after an outage would be worse
/// than the outage.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class CronJobDowntimeTests : IAsyncLifetime
{
    private const string Namespace = "cron-downtime";
    private const string CronJobName = "every-minute";

    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AfterTwoMissedSchedulesOnlyTheLatestRuns()
    {
        await _cluster.CreateNamespaceAsync(Namespace);
        const string cronJob = """
            apiVersion: batch/v1
            kind: CronJob
            metadata:
              name: every-minute
            spec:
              schedule: "* * * * *"
              startingDeadlineSeconds: 300
              successfulJobsHistoryLimit: 10
              failedJobsHistoryLimit: 10
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: OnFailure
                      containers:
                      - name: main
                        image: luksa/batch-job
            """;
        (await _cluster.Kubectl.RunAsync(["create", "-n", Namespace, "-f", "-"], cronJob, TimeSpan.FromSeconds(60))).EnsureSuccess();
        var first = Assert.Single(await WaitForScheduledMinutesAsync(minutes => minutes.Count >= 1, TimeSpan.FromSeconds(90), "the first scheduled job"));

        await _cluster.StopAllAsync();
        // Stay down until two more scheduled times (first + 1, first + 2) have passed.
        var downUntil = DateTimeOffset.FromUnixTimeSeconds((first + 3) * 60 - 50);
        var downFor = downUntil - DateTimeOffset.UtcNow;
        if (downFor > TimeSpan.Zero) await Task.Delay(downFor);
        var latestMissed = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60;
        Assert.True(latestMissed >= first + 2, "the outage must span two scheduled times");
        _cluster.StartSilo();
        _cluster.StartGateway();
        await _cluster.WaitUntilServingAsync();

        var after = await WaitForScheduledMinutesAsync(minutes => minutes.Any(m => m >= latestMissed), TimeSpan.FromSeconds(120), "the catch-up job");
        // The run for first + 1 was missed and superseded: only the latest missed time (or, if the restart took
        // past the next minute, that one) runs.
        Assert.DoesNotContain(first + 1, after);
        Assert.True(after.Where(m => m > first).Min() >= latestMissed, $"catch-up ran for {string.Join(',', after)}; latest missed {latestMissed}");
    }

    /// <summary>The scheduled times of the CronJob's Jobs, in minutes since the epoch (the suffix Kubernetes gives their names).</summary>
    private Task<List<long>> WaitForScheduledMinutesAsync(Func<List<long>, bool> done, TimeSpan timeout, string what) =>
        Eventually.WaitForAsync(async () =>
        {
            using var client = _cluster.Client();
            var jobs = await client.BatchV1.ListNamespacedJobAsync(Namespace);
            return jobs.Items
                .Select(j => j.Metadata.Name)
                .Where(name => name.StartsWith(CronJobName + "-", StringComparison.Ordinal))
                .Select(name => long.Parse(name[(CronJobName.Length + 1)..], CultureInfo.InvariantCulture))
                .Order()
                .ToList();
        }, done, timeout, what);
}
