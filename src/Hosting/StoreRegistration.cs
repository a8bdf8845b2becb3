using ActorOrchestrator.Store;
using ActorOrchestrator.Store.Reading;
using ActorOrchestrator.Store.Watching;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ActorOrchestrator.Hosting;

public static class StoreRegistration
{
    /// <summary>Registers the PostgreSQL data source and the store's readers. Writers are added by silos only.</summary>
    public static IServiceCollection AddObjectStoreReading(this IServiceCollection services, string connectionString, Action<StoreOptions>? configure = null)
    {
        var options = new StoreOptions { ConnectionString = connectionString };
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton(_ =>
        {
            var builder = new NpgsqlDataSourceBuilder(WithDefaults(connectionString));
            return builder.Build();
        });
        services.AddSingleton<ObjectReader>();
        services.AddSingleton<LogReader>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>Adds the change feed (one per process) and the watch server built on it.</summary>
    public static IServiceCollection AddObjectStoreWatching(this IServiceCollection services)
    {
        services.AddSingleton<ChangeFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeFeed>());
        services.AddSingleton<Watcher>();
        return services;
    }

    /// <summary>Bounded waits so that an unreachable database fails requests quickly instead of hanging them.</summary>
    private static string WithDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase)) builder.Timeout = 5;
        if (!connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase)) builder.MaxPoolSize = 50;
        return builder.ConnectionString;
    }
}
