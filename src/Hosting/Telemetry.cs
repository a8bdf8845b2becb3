using ActorOrchestrator.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ActorOrchestrator.Hosting;

/// <summary>
/// Traces (HTTP request → grain calls → storage) and metrics for every process. Metrics are always
/// scrapeable at <c>/metrics</c> (Prometheus format); both are also exported over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class Telemetry
{
    public static IServiceCollection AddClusterTelemetry(this IServiceCollection services, IConfiguration configuration,
        string serviceName, params string[] extraMeters)
    {
        var otlp = !string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Npgsql", "ActorOrchestrator.*")
                    .AddAspNetCoreInstrumentation();
                if (otlp) tracing.AddOtlpExporter();
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter("Microsoft.Orleans", StoreMetrics.MeterName, "Npgsql")
                    .AddMeter(extraMeters)
                    .AddRuntimeInstrumentation()
                    .AddAspNetCoreInstrumentation()
                    .AddPrometheusExporter();
                if (otlp) metrics.AddOtlpExporter();
            });
        return services;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
