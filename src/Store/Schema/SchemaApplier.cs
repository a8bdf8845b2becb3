using System.Reflection;
using Npgsql;

namespace ActorOrchestrator.Store.Schema;

/// <summary>
/// Applies the project's SQL (deploy/sql, embedded here) to a database. Every script is idempotent and
/// an advisory lock keeps silos that start together from applying it at the same moment.
/// </summary>
public static class SchemaApplier
{
    private const long SchemaLockId = 0x414f_5343_4845_4d41; // "AOSCHEMA"

    /// <summary>The embedded scripts in the order they apply: by path, as deploy scripts apply them.</summary>
    public static IReadOnlyList<(string Name, string Sql)> Scripts()
    {
        var assembly = typeof(SchemaApplier).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("sql/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n, Read(assembly, n)))
            .ToList();
    }

    public static async Task ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({SchemaLockId})", connection, transaction))
        {
            await take.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var (name, sql) in Scripts())
        {
            await using var apply = new NpgsqlCommand(sql, connection, transaction);
            try
            {
                await apply.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException ex)
            {
                throw new InvalidOperationException($"Applying schema script {name} failed: {ex.MessageText}", ex);
            }
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
