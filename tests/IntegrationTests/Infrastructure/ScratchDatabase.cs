using Npgsql;

namespace ActorOrchestrator.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh database on the AO_PG server with the Orleans schema applied, for one test class;
/// dropped when the class is done. A random name keeps parallel classes and reruns apart.
/// </summary>
public sealed class ScratchDatabase : IAsyncLifetime
{
    public string Name { get; } = $"ao_it_{Guid.NewGuid():N}";

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var server = PostgresEnvironment.ConnectionString;
        await ExecuteAsync(server, $"CREATE DATABASE \"{Name}\"");
        // A session time zone far from UTC on purpose: stored instants (membership times,
        // reminder start times) must not depend on the zone of the server or the session.
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = Name, Timezone = "America/New_York" }.ConnectionString;
        await OrleansSchema.ApplyAsync(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (ConnectionString.Length == 0)
        {
            return;
        }

        // Idle pooled connections (ours and the silos') would otherwise keep the database busy.
        NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
        await ExecuteAsync(PostgresEnvironment.ConnectionString, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    public async Task<T?> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)Convert.ChangeType(result, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<List<T>> ColumnAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var values = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
