using ActorOrchestrator.Store.Schema;
using Npgsql;

namespace ActorOrchestrator.Silo;

/// <summary>Brings the database schema up to date before Orleans reads its queries from it.</summary>
internal static class SchemaAtStartup
{
    public static async Task ApplyAsync(string connectionString, TimeSpan patience)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            try
            {
                await SchemaApplier.ApplyAsync(dataSource);
                return;
            }
            catch (NpgsqlException ex) when (DateTime.UtcNow < deadline)
            {
                Console.Error.WriteLine($"PostgreSQL is not answering yet ({ex.Message}); retrying...");
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
            catch (NpgsqlException ex)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL did not answer within {patience.TotalSeconds:F0}s ({ex.Message}). Is it running? deploy/up.sh starts it.", ex);
            }
        }
    }
}
