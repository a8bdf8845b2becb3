using System.Globalization;
using ActorOrchestrator.Grains.Events;
using ActorOrchestrator.Grains.Namespaces;
using ActorOrchestrator.Grains.Nodes;
using ActorOrchestrator.Grains.Objects;
using ActorOrchestrator.Store.Maintenance;
using ActorOrchestrator.Store.Writing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ActorOrchestrator.Grains;

/// <summary>Everything a silo adds to run the control plane's grains and background loops.</summary>
public static class ControlPlaneGrainServices
{
    /// <summary>The meters the grains report to.</summary>
    public static string[] Meters { get; } = [ReconcileMetrics.MeterName];

    public static IServiceCollection AddControlPlaneGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<StoreWriter>();
        services.AddSingleton<NamespaceGate>();
        services.AddSingleton<EventRecorder>();
        services.AddSingleton<ObjectServices>();
        services.AddSingleton(new EventOptions
        {
            TimeToLive = configuration["AO_EVENT_TTL"] is { } ttl ? TimeSpan.Parse(ttl, CultureInfo.InvariantCulture) : TimeSpan.FromHours(1),
        });
        services.AddSingleton(new NodeLifecycleOptions
        {
            HeartbeatGracePeriod = Seconds(configuration, "AO_NODE_GRACE_SECONDS") ?? TimeSpan.FromSeconds(40),
            MonitorPeriod = Seconds(configuration, "AO_NODE_MONITOR_SECONDS") ?? TimeSpan.FromSeconds(5),
            DefaultTolerationSeconds = (long)(Seconds(configuration, "AO_DEFAULT_TOLERATION_SECONDS") ?? TimeSpan.FromSeconds(300)).TotalSeconds,
        });
        services.AddHostedService<LogCompactor>();
        services.AddHostedService<EventSweeper>();
        services.AddHostedService<Workloads.OrphanedDependentsSweeper>();
        services.AddHostedService<ClusterBootstrap>();
        return services;
    }

    private static TimeSpan? Seconds(IConfiguration configuration, string key) =>
        configuration[key] is { } text ? TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture)) : null;
}
