using Npgsql;

namespace ActorOrchestrator.IntegrationTests.Infrastructure;

/// <summary>
/// The Orleans schema files from deploy/sql/orleans (copied to the test output), applied in
/// name order, each in its own transaction: the same way deploy/lib/postgres.sh applies them.
/// </summary>
public static class OrleansSchema
{
    public static IReadOnlyList<string> ScriptPaths { get; } = FindScripts();

    public static async Task ApplyAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var path in ScriptPaths)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var command = new NpgsqlCommand(await File.ReadAllTextAsync(path), connection, transaction);
            try
            {
                await command.ExecuteNonQueryAsync();
            }
            catch (PostgresException e)
            {
                throw new InvalidOperationException($"Applying {Path.GetFileName(path)} failed: {e.MessageText}", e);
            }

            await transaction.CommitAsync();
        }
    }

    private static string[] FindScripts()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "sql", "orleans");
        var scripts = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.sql").Order(StringComparer.Ordinal).ToArray()
            : [];
        return scripts.Length > 0
            ? scripts
            : throw new InvalidOperationException($"No schema files in {directory}; the build copies deploy/sql/orleans/*.sql there.");
    }
}
