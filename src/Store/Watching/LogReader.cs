using System.Text.Json;
using Npgsql;

namespace ActorOrchestrator.Store.Watching;

/// <summary>Reads the revision log in revision order, a page at a time.</summary>
public sealed class LogReader(NpgsqlDataSource dataSource, StoreOptions options)
{
    private const string Columns = "revision, resource, namespace, name, event, labels, fields, prev_labels, prev_fields, object";

    /// <summary>Entries with <paramref name="after"/> &lt; revision &lt;= <paramref name="upTo"/>, oldest first.</summary>
    /// <param name="resource">Only this resource, or every resource when null.</param>
    public async Task<IReadOnlyList<LogEntry>> ReadAsync(long after, long upTo, string? resource, int limit, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand(resource is null
                ? $"SELECT {Columns} FROM ao_log WHERE revision > $1 AND revision <= $2 ORDER BY revision LIMIT $3"
                : $"SELECT {Columns} FROM ao_log WHERE resource = $4 AND revision > $1 AND revision <= $2 ORDER BY revision LIMIT $3");
            command.CommandTimeout = (int)options.CommandTimeout.TotalSeconds;
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = upTo });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
            if (resource is not null) command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = resource });

            var entries = new List<LogEntry>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add(new LogEntry(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetChar(4) switch { 'A' => ChangeType.Added, 'M' => ChangeType.Modified, _ => ChangeType.Deleted },
                    Map(reader.GetString(5))!,
                    Map(reader.GetString(6))!,
                    reader.IsDBNull(7) ? null : Map(reader.GetString(7)),
                    reader.IsDBNull(8) ? null : Map(reader.GetString(8)),
                    reader.GetString(9)));
            }
            return entries;
        }
        catch (NpgsqlException ex)
        {
            throw new StoreUnavailableException("the object store is unavailable: " + ex.Message, ex);
        }
    }

    private static Dictionary<string, string>? Map(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json);
}
