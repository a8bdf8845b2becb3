using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace ActorOrchestrator.Store.Reading;

/// <summary>Turns selector terms into SQL conditions on the labels/fields columns, with parameters.</summary>
internal sealed class SqlFilter
{
    private readonly List<string> _conditions = [];

    public List<NpgsqlParameter> Parameters { get; } = [];

    public string Where => _conditions.Count == 0 ? "TRUE" : string.Join(" AND ", _conditions);

    public void Add(string condition) => _conditions.Add(condition);

    public string Param<T>(T value)
    {
        Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
        return "$" + Parameters.Count;
    }

    public void AddLabelTerms(IEnumerable<SelectorTerm> terms)
    {
        foreach (var term in terms) Add(LabelCondition(term));
    }

    public void AddFieldTerms(IEnumerable<SelectorTerm> terms)
    {
        foreach (var term in terms)
        {
            var column = term.Key switch
            {
                "metadata.name" => "name",
                "metadata.namespace" => "namespace",
                _ => $"coalesce(fields ->> {Param(term.Key)}, '')",
            };
            Add(term.Operator switch
            {
                TermOperator.In => $"{column} = ANY({Param(term.Values.ToArray())})",
                TermOperator.NotIn => $"NOT ({column} = ANY({Param(term.Values.ToArray())}))",
                TermOperator.Exists => $"{column} <> ''",
                _ => $"{column} = ''",
            });
        }
    }

    private string LabelCondition(SelectorTerm term)
    {
        switch (term.Operator)
        {
            case TermOperator.In:
                // Containment (@>) can use the GIN index; one alternative per accepted value.
                return "(" + string.Join(" OR ", term.Values.Select(v => $"labels @> {Jsonb(term.Key, v)}")) + ")";
            case TermOperator.NotIn:
                return $"NOT coalesce(labels ->> {Param(term.Key)} = ANY({Param(term.Values.ToArray())}), false)";
            case TermOperator.Exists:
                return $"labels ? {Param(term.Key)}";
            default:
                return $"NOT (labels ? {Param(term.Key)})";
        }
    }

    private string Jsonb(string key, string value)
    {
        Parameters.Add(new NpgsqlParameter
        {
            Value = JsonSerializer.Serialize(new Dictionary<string, string> { [key] = value }),
            NpgsqlDbType = NpgsqlDbType.Jsonb,
        });
        return "$" + Parameters.Count;
    }
}
