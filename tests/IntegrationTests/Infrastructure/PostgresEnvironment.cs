namespace ActorOrchestrator.IntegrationTests.Infrastructure;

/// <summary>
/// Where the integration tests find PostgreSQL: the Npgsql connection string in AO_PG, which
/// deploy/test.sh (and deploy/lib/postgres.sh ao_pg_up) export. A missing AO_PG fails the tests
/// instead of skipping them, so a CI run without a database cannot pass by testing nothing.
/// </summary>
public static class PostgresEnvironment
{
    public const string VariableName = "AO_PG";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{VariableName} is not set, so there is no PostgreSQL to test against. Run deploy/test.sh " +
                "(it starts PostgreSQL and exports AO_PG), or `source deploy/lib/postgres.sh && ao_pg_up`, " +
                "or set AO_PG to an Npgsql connection string such as " +
                "Host=127.0.0.1;Port=54329;Database=actororchestrator;Username=postgres");
}
