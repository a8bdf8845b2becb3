namespace ActorOrchestrator.Store;

public sealed class StoreOptions
{
    /// <summary>Npgsql connection string of the PostgreSQL database holding everything.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Most writes committed in one transaction; more waiting writes go in the next.</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>Bound on every statement, so a stuck database fails requests instead of hanging them.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the revision log is kept; watches older than that get 410 Gone.</summary>
    public TimeSpan LogRetention { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often a change feed re-reads the log when no notification arrived.</summary>
    public TimeSpan FeedPollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
