using Npgsql;

namespace ActorOrchestrator.Bench.Density;

/// <summary>
/// The cluster database's size and write count: live rows and bytes (tables with their indexes and
/// TOAST) over every user table, and rows inserted, updated and deleted since the server started.
/// Statistics reach these views with a short delay; <see cref="ReadAsync"/> asks for a fresh snapshot.
/// </summary>
public sealed record DatabaseStats(long Rows, long Bytes, long RowWrites)
{
    public static async Task<DatabaseStats> ReadAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var clear = new NpgsqlCommand("SELECT pg_stat_clear_snapshot()", connection))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var command = new NpgsqlCommand("""
            SELECT coalesce(sum(n_live_tup), 0)::bigint,
                   coalesce(sum(pg_total_relation_size(relid)), 0)::bigint,
                   (SELECT tup_inserted + tup_updated + tup_deleted FROM pg_stat_database WHERE datname = current_database())
            FROM pg_stat_user_tables
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new DatabaseStats(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }
}
