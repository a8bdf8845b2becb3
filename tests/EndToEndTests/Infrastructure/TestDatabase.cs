using Npgsql;

namespace ActorOrchestrator.EndToEndTests.Infrastructure;

/// <summary>
/// A fresh PostgreSQL database per test cluster, on the server named by <c>AO_PG</c>, dropped afterwards.
/// The processes under test bring its schema up themselves, as they would in production.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _adminConnection;

    private TestDatabase(string adminConnection, string name, string connectionString)
    {
        _adminConnection = adminConnection;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("AO_PG") is { Length: > 0 } pg
            ? pg
            : throw new InvalidOperationException(
                "AO_PG is not set: these tests need a PostgreSQL server. Run deploy/test.sh (it starts one), or export AO_PG='Host=127.0.0.1;Port=54329;Database=postgres;Username=postgres'.");

    public static async Task<TestDatabase> CreateAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(ServerConnectionString);
        var name = "ao_test_" + Guid.NewGuid().ToString("N")[..12];
        var admin = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var own = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name };
        return new TestDatabase(admin.ConnectionString, name, own.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnection);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
