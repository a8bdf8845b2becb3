using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ActorOrchestrator.Store.Maintenance;

/// <summary>
/// Deletes revision-log entries older than the retention so the database does not grow without
/// bound, and records the compacted revision so older watches get 410 Gone. Every silo runs one;
/// an advisory lock makes the concurrent runs harmless.
/// </summary>
public sealed partial class LogCompactor(NpgsqlDataSource dataSource, StoreOptions options, TimeProvider time, ILogger<LogCompactor> logger)
    : BackgroundService
{
    private const long CompactionLockId = 0x414f_434f_4d50_4143; // "AOCOMPAC"

    private const string Compact = """
        WITH horizon AS (
            SELECT max(revision) AS revision FROM ao_log WHERE committed_at < now() - $1::interval
        ), removed AS (
            DELETE FROM ao_log WHERE revision <= (SELECT revision FROM horizon) RETURNING revision
        )
        UPDATE ao_revision SET compacted = GREATEST(compacted, (SELECT max(revision) FROM removed))
        WHERE id = 1 AND EXISTS (SELECT 1 FROM removed)
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromTicks(Math.Max(options.LogRetention.Ticks / 5, TimeSpan.FromSeconds(5).Ticks));
        using var timer = new PeriodicTimer(period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await CompactOnceAsync(stoppingToken);
            }
            catch (NpgsqlException ex)
            {
                LogCompactionFailed(ex.Message);
            }
        }
    }

    /// <summary>Runs one compaction pass; returns how many log entries it removed.</summary>
    public async Task<int> CompactOnceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_try_advisory_xact_lock({CompactionLockId})", connection, transaction))
        {
            if (!(bool)(await take.ExecuteScalarAsync(cancellationToken))!) return 0;
        }
        await using var compact = new NpgsqlCommand(Compact, connection, transaction);
        compact.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.LogRetention });
        var removed = await compact.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Compacting the revision log failed; will retry: {Reason}")]
    private partial void LogCompactionFailed(string reason);
}
