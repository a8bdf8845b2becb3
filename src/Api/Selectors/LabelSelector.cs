using System.Text.Json;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;

namespace ActorOrchestrator.Api.Selectors;

/// <summary>
/// A label selector: requirements that must all hold. One immutable model for the three ways
/// Kubernetes spells selectors: the query string kubectl sends (<c>env in (prod,dev),!legacy,app=web</c>),
/// the object form of Deployments and ReplicaSets (<c>matchLabels</c> and <c>matchExpressions</c>),
/// and the plain map of ReplicationControllers and Services.
/// </summary>
public sealed class LabelSelector : IEquatable<LabelSelector>
{
    private readonly bool _matchesNothing;

    private LabelSelector(IReadOnlyList<Requirement> requirements, bool matchesNothing = false)
    {
        // Sorted by key (stable, so same-key requirements keep their order), as Kubernetes sorts them.
        Requirements = requirements.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        _matchesNothing = matchesNothing;
    }

    /// <summary>Selects every object: the empty string or an empty selector object.</summary>
    public static LabelSelector Everything { get; } = new([]);

    /// <summary>Selects no object: what a missing (null) selector object means in Kubernetes.</summary>
    public static LabelSelector Nothing { get; } = new([], matchesNothing: true);

    /// <summary>The requirements, sorted by key.</summary>
    public IReadOnlyList<Requirement> Requirements { get; }

    /// <summary>True when the selector selects everything (no requirements).</summary>
    public bool IsEmpty => Requirements.Count == 0 && !_matchesNothing;

    /// <summary>Whether the labels satisfy every requirement.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels) =>
        !_matchesNothing && Requirements.All(r => r.Matches(labels));

    /// <summary>Parses the string form (the <c>labelSelector</c> query parameter); null or blank selects everything.</summary>
    public static LabelSelector Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? Everything : new LabelSelector(LabelSelectorParser.Parse(text));

    /// <summary>Builds a selector from requirements (validated by <see cref="Requirement.Create"/>).</summary>
    public static LabelSelector Of(IEnumerable<Requirement> requirements) => new(requirements.ToList());

    /// <summary>
    /// The object form: <c>{matchLabels: {k: v}, matchExpressions: [{key, operator: In|NotIn|Exists|DoesNotExist, values}]}</c>,
    /// all ANDed. A null selector selects nothing; an empty one selects everything.
    /// </summary>
    public static LabelSelector FromObject(JsonNode? selector)
    {
        if (selector is null) return Nothing;
        if (selector is not JsonObject obj) throw ApiException.BadRequest("a label selector must be an object");
        var requirements = new List<Requirement>();
        foreach (var (key, value) in StringMap(obj["matchLabels"], "matchLabels"))
        {
            requirements.Add(Requirement.Create(key, SelectorOperator.Equals, [value], $"matchLabels[{key}]"));
        }
        if (obj["matchExpressions"] is JsonNode expressions)
        {
            if (expressions is not JsonArray list) throw ApiException.BadRequest("matchExpressions must be a list");
            for (var i = 0; i < list.Count; i++) requirements.Add(Expression(list[i], $"matchExpressions[{i}]"));
        }
        return new LabelSelector(requirements);
    }

    /// <summary>
    /// An equality-based map selector (ReplicationController and Service <c>spec.selector</c>):
    /// every pair must match. Null or empty selects everything.
    /// </summary>
    public static LabelSelector FromMap(IReadOnlyDictionary<string, string>? map) =>
        map is null || map.Count == 0
            ? Everything
            : new LabelSelector(map.Select(p => Requirement.Create(p.Key, SelectorOperator.Equals, [p.Value], $"selector[{p.Key}]")).ToList());

    /// <summary>The map form read from JSON (null selects everything).</summary>
    public static LabelSelector FromMap(JsonNode? map) => map is null ? Everything : FromMap(StringMap(map, "selector"));

    /// <summary>
    /// The canonical string form: requirements sorted by key, values sorted, e.g.
    /// <c>app=web,env in (dev,prod),!legacy</c>. This is what a Scale's <c>status.selector</c> carries.
    /// </summary>
    public override string ToString() => string.Join(",", Requirements);

    public bool Equals(LabelSelector? other) =>
        other is not null && _matchesNothing == other._matchesNothing && Requirements.SequenceEqual(other.Requirements);

    public override bool Equals(object? obj) => Equals(obj as LabelSelector);

    public override int GetHashCode() => HashCode.Combine(_matchesNothing, ToString());

    private static Requirement Expression(JsonNode? node, string path)
    {
        if (node is not JsonObject expression) throw ApiException.BadRequest($"{path} must be an object");
        var key = Text(expression["key"], $"{path}.key");
        var operatorName = Text(expression["operator"], $"{path}.operator");
        var op = operatorName switch
        {
            "In" => SelectorOperator.In,
            "NotIn" => SelectorOperator.NotIn,
            "Exists" => SelectorOperator.Exists,
            "DoesNotExist" => SelectorOperator.DoesNotExist,
            _ => throw ApiException.BadRequest($"\"{operatorName}\" is not a valid label selector operator"),
        };
        var values = expression["values"] switch
        {
            null => [],
            JsonArray array => array.Select((v, i) => Text(v, $"{path}.values[{i}]")).ToList(),
            _ => throw ApiException.BadRequest($"{path}.values must be a list of strings"),
        };
        return Requirement.Create(key, op, values, path);
    }

    private static Dictionary<string, string> StringMap(JsonNode? node, string path)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is null) return map;
        if (node is not JsonObject obj) throw ApiException.BadRequest($"{path} must be a map of strings");
        foreach (var (key, value) in obj) map[key] = Text(value, $"{path}[{key}]");
        return map;
    }

    private static string Text(JsonNode? node, string path) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw ApiException.BadRequest($"{path} must be a string");
}
