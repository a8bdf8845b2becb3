using ActorOrchestrator.Api.Objects;
using System.Data;
using System.Diagnostics;
using ActorOrchestrator.Store.Objects;
using Npgsql;

namespace ActorOrchestrator.Store.Reading;

/// <summary>
/// Reads objects straight from the store: a get is one indexed row, a list is one query consistent
/// with a single revision. No grain is activated to answer either.
/// </summary>
public sealed class ObjectReader(NpgsqlDataSource dataSource, StoreOptions options)
{
    public async Task<StoredObject?> GetAsync(ObjectKey key, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var command = dataSource.CreateCommand(
                "SELECT revision, object FROM ao_objects WHERE resource = $1 AND namespace = $2 AND name = $3");
            command.CommandTimeout = (int)options.CommandTimeout.TotalSeconds;
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Resource });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Namespace });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Name });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new StoredObject(key, reader.GetInt64(0), reader.GetString(1))
                : null;
        }
        catch (NpgsqlException ex)
        {
            throw new StoreUnavailableException("the object store is unavailable: " + ex.Message, ex);
        }
        finally
        {
            StoreMetrics.RecordQuery("get", Stopwatch.GetElapsedTime(started));
        }
    }

    public async Task<ListResult> ListAsync(ListQuery query, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var token = query.Continue is null ? null : ContinueToken.Decode(query.Continue);
        var filter = new SqlFilter();
        filter.Add($"resource = {filter.Param(query.Resource)}");
        if (query.Namespace is not null) filter.Add($"namespace = {filter.Param(query.Namespace)}");
        if (token is not null)
        {
            filter.Add($"(namespace, name) > ({filter.Param(token.Namespace)}, {filter.Param(token.Name)})");
        }
        if (query.ControllerUid is { } owner) filter.Add($"owner_uid = {filter.Param(owner)}");
        filter.AddLabelTerms(query.Labels);
        filter.AddFieldTerms(query.Fields);
        var limit = query.Limit > 0 ? $" LIMIT {query.Limit + 1}" : "";

        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            // One snapshot for the counter and the rows: the list is exactly the state at that revision.
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            var revision = await CurrentRevisionAsync(connection, transaction, cancellationToken);

            await using var command = new NpgsqlCommand(
                $"SELECT namespace, name, revision, object FROM ao_objects WHERE {filter.Where} ORDER BY namespace, name{limit}",
                connection, transaction);
            command.CommandTimeout = (int)options.CommandTimeout.TotalSeconds;
            command.Parameters.AddRange(filter.Parameters.ToArray());
            var items = new List<StoredObject>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var key = new ObjectKey(query.Resource, reader.GetString(0), reader.GetString(1));
                    items.Add(new StoredObject(key, reader.GetInt64(2), reader.GetString(3)));
                }
            }
            await transaction.CommitAsync(cancellationToken);

            string? next = null;
            if (query.Limit > 0 && items.Count > query.Limit)
            {
                items.RemoveAt(items.Count - 1);
                var last = items[^1].Key;
                next = new ContinueToken(token?.Revision ?? revision, last.Namespace, last.Name).Encode();
            }
            return new ListResult(token?.Revision ?? revision, items, next, null);
        }
        catch (NpgsqlException ex)
        {
            throw new StoreUnavailableException("the object store is unavailable: " + ex.Message, ex);
        }
        finally
        {
            StoreMetrics.RecordQuery("list", Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>Objects of a resource not written for longer than <paramref name="age"/>, oldest first.</summary>
    public async Task<IReadOnlyList<(ObjectKey Key, long Revision)>> ListUnchangedForAsync(
        string resource, TimeSpan age, int limit, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand(
                "SELECT namespace, name, revision FROM ao_objects WHERE resource = $1 AND updated_at < now() - $2 ORDER BY updated_at LIMIT $3");
            command.CommandTimeout = (int)options.CommandTimeout.TotalSeconds;
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = resource });
            command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = age });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
            var result = new List<(ObjectKey, long)>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                result.Add((new ObjectKey(resource, reader.GetString(0), reader.GetString(1)), reader.GetInt64(2)));
            }
            return result;
        }
        catch (NpgsqlException ex)
        {
            throw new StoreUnavailableException("the object store is unavailable: " + ex.Message, ex);
        }
    }

    /// <summary>
    /// Objects whose controller owner no longer exists (with the revision they were found at): what the
    /// garbage collector must still delete when a Background deletion was cut short.
    /// </summary>
    public async Task<IReadOnlyList<(ObjectKey Key, string Uid)>> ListOrphanedDependentsAsync(int limit, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("""
                SELECT d.resource, d.namespace, d.name, d.uid FROM ao_objects d
                WHERE d.owner_uid IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ao_objects o WHERE o.uid = d.owner_uid)
                LIMIT $1
                """);
            command.CommandTimeout = (int)options.CommandTimeout.TotalSeconds;
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
            var result = new List<(ObjectKey, string)>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                result.Add((new ObjectKey(reader.GetString(0), reader.GetString(1), reader.GetString(2)), reader.GetGuid(3).ToString()));
            }
            return result;
        }
        catch (NpgsqlException ex)
        {
            throw new StoreUnavailableException("the object store is unavailable: " + ex.Message, ex);
        }
    }

    /// <summary>The newest committed revision and the oldest revision a watch may still start from.</summary>
    public async Task<(long Current, long Compacted)> GetRevisionsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT current, compacted FROM ao_revision WHERE id = 1");
            command.CommandTimeout = (int)options.CommandTimeout.TotalSeconds;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return (reader.GetInt64(0), reader.GetInt64(1));
        }
        catch (NpgsqlException ex)
        {
            throw new StoreUnavailableException("the object store is unavailable: " + ex.Message, ex);
        }
    }

    private static async Task<long> CurrentRevisionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT current FROM ao_revision WHERE id = 1", connection, transaction);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
