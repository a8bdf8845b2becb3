using System.Text.Json;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Store.Objects;
using Npgsql;
using NpgsqlTypes;

namespace ActorOrchestrator.Store.Writing;

/// <summary>
/// The SQL of one conditional write. Each statement changes ao_objects and appends to ao_log in one
/// step (a data-modifying CTE), so the log gains a row exactly when the object changed: one affected
/// row means committed, none means the condition failed.
/// </summary>
internal static class WriteStatements
{
    private const string Insert = """
        WITH w AS (
            INSERT INTO ao_objects (resource, namespace, name, uid, revision, created_revision, labels, fields, owner_uid, object)
            VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9)
            ON CONFLICT (resource, namespace, name) DO NOTHING
            RETURNING 1)
        INSERT INTO ao_log (revision, resource, namespace, name, event, labels, fields, prev_labels, prev_fields, object)
        SELECT $5, $1, $2, $3, 'A', $6, $7, NULL, NULL, $9 FROM w
        """;

    private const string Update = """
        WITH w AS (
            UPDATE ao_objects SET revision = $5, labels = $6, fields = $7, owner_uid = $8, object = $9, updated_at = now()
            WHERE resource = $1 AND namespace = $2 AND name = $3 AND revision = $10
            RETURNING 1)
        INSERT INTO ao_log (revision, resource, namespace, name, event, labels, fields, prev_labels, prev_fields, object)
        SELECT $5, $1, $2, $3, 'M', $6, $7, $11, $12, $9 FROM w
        """;

    private const string Delete = """
        WITH w AS (
            DELETE FROM ao_objects
            WHERE resource = $1 AND namespace = $2 AND name = $3 AND revision = $10
            RETURNING 1)
        INSERT INTO ao_log (revision, resource, namespace, name, event, labels, fields, prev_labels, prev_fields, object)
        SELECT $5, $1, $2, $3, 'D', $6, $7, $11, $12, $9 FROM w
        """;

    public static NpgsqlBatchCommand For(ObjectWrite write, long revision, string json)
    {
        var command = new NpgsqlBatchCommand(write.Kind switch
        {
            WriteKind.Create => Insert,
            WriteKind.Update => Update,
            _ => Delete,
        });
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string>{ TypedValue = write.Key.Resource });
        p.Add(new NpgsqlParameter<string>{ TypedValue = write.Key.Namespace });
        p.Add(new NpgsqlParameter<string>{ TypedValue = write.Key.Name });
        p.Add(new NpgsqlParameter<Guid> { TypedValue = UidOf(write) });
        p.Add(new NpgsqlParameter<long> { TypedValue = revision });
        p.Add(Jsonb(write.Attributes.Labels));
        p.Add(Jsonb(write.Attributes.Fields));
        p.Add(new NpgsqlParameter { Value = (object?)write.Attributes.ControllerUid ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        p.Add(new NpgsqlParameter<string> { TypedValue = json });
        if (write.Kind != WriteKind.Create)
        {
            p.Add(new NpgsqlParameter<long> { TypedValue = write.ExpectedRevision });
            p.Add(Jsonb(write.Previous?.Labels));
            p.Add(Jsonb(write.Previous?.Fields));
        }
        return command;
    }

    public static NpgsqlBatchCommand AdvanceCounter(long revision)
    {
        var command = new NpgsqlBatchCommand("UPDATE ao_revision SET current = $1 WHERE id = 1");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = revision });
        return command;
    }

    /// <summary>NOTIFY is delivered at commit, so listeners never read the log before the rows are visible.</summary>
    public static NpgsqlBatchCommand Notify(long revision)
    {
        var command = new NpgsqlBatchCommand("SELECT pg_notify('ao_changes', $1)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = revision.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return command;
    }

    private static Guid UidOf(ObjectWrite write) =>
        Guid.TryParse(write.Object.Uid(), out var uid) ? uid : Guid.Empty;

    private static NpgsqlParameter Jsonb(IReadOnlyDictionary<string, string>? map) => new()
    {
        Value = map is null ? DBNull.Value : JsonSerializer.Serialize(map),
        NpgsqlDbType = NpgsqlDbType.Jsonb,
    };
}
