using System.Net;
using System.Text;
using ActorOrchestrator.EndToEndTests.Infrastructure;

namespace ActorOrchestrator.EndToEndTests.ControlPlane;

/// <summary>What operators watch: the Orleans dashboard, Prometheus metrics, and traces and metrics over OTLP.</summary>
[Trait("Category", "EndToEnd")]
public sealed class OperatorSurfaceTests : IAsyncLifetime
{
    private readonly OtlpReceiver _otlp = new();
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _otlp.Start();
        _cluster = await TestCluster.StartAsync(new TestClusterOptions
        {
            Environment = new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _otlp.Url,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "500",
            },
        });
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _otlp.Dispose();
    }

    [Fact]
    public async Task TheSiloServesTheOrleansDashboard()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_cluster.SiloHttpUrls[0]) };
        var response = await http.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MetricsAreScrapeableInPrometheusFormat()
    {
        using (var gateway = _cluster.Http())
        {
            (await gateway.GetAsync("/api/v1/namespaces")).EnsureSuccessStatusCode();
            var metrics = await Eventually.WaitForAsync(() => gateway.GetStringAsync("/metrics"),
                text => text.Contains("ao_api_request_duration", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "API latency in the Gateway's metrics");
            Assert.Matches("ao_api_request_duration_seconds_bucket\\{[^}]*resource=\"namespaces\"[^}]*verb=\"list\"", metrics);
        }
        using var silo = new HttpClient { BaseAddress = new Uri(_cluster.SiloHttpUrls[0]) };
        var siloMetrics = await Eventually.WaitForAsync(() => silo.GetStringAsync("/metrics"),
            text => text.Contains("ao_store_commit_duration", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "storage latency in the silo's metrics");
        Assert.Contains("orleans", siloMetrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TracesAndMetricsAreExportedOverOtlpWhenConfigured()
    {
        using (var gateway = _cluster.Http())
        {
            using var body = new StringContent("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"traced"},"data":{"a":"b"}}""", Encoding.UTF8, "application/json");
            (await gateway.PostAsync("/api/v1/namespaces/default/configmaps", body)).EnsureSuccessStatusCode();
        }
        await Eventually.WaitForAsync(() => Task.FromResult(_otlp.Requests("/v1/traces") > 0 && _otlp.Requests("/v1/metrics") > 0),
            TimeSpan.FromSeconds(60), "OTLP exports of traces and metrics");
    }
}
