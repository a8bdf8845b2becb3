using ActorOrchestrator.Api.Objects;
using System.Text.Json.Nodes;

namespace ActorOrchestrator.Gateway.Printing;

/// <summary>
/// How Kubernetes prints label maps and label selectors in tables: <c>labels.FormatLabels</c>,
/// <c>metav1.FormatLabelSelector</c> and <c>LabelSelectorAsSelector(...).String()</c>.
/// </summary>
internal static class LabelFormatting
{
    /// <summary><c>k1=v1,k2=v2</c> sorted by key, or <c>&lt;none&gt;</c>.</summary>
    public static string FormatLabels(JsonNode? map)
    {
        if (map is not JsonObject labels || labels.Count == 0) return "<none>";
        return string.Join(",", labels
            .Select(kv => (kv.Key, Value: kv.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : ""))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => $"{kv.Key}={kv.Value}"));
    }

    /// <summary>A LabelSelector as text, <c>&lt;none&gt;</c> when it selects by nothing, <c>&lt;error&gt;</c> when invalid.</summary>
    public static string FormatLabelSelector(JsonNode? selector) => SelectorString(selector) switch
    {
        null => "<error>",
        "" => "<none>",
        var s => s,
    };

    /// <summary>
    /// The selector's requirements sorted by key: <c>app=web,tier in (a,b),!legacy</c>; "" for a
    /// missing or empty selector; null for an invalid one.
    /// </summary>
    public static string? SelectorString(JsonNode? selector)
    {
        if (selector is not JsonObject s) return "";
        var requirements = new List<(string Key, string Text)>();
        if (s["matchLabels"] is JsonObject matchLabels)
        {
            foreach (var (key, value) in matchLabels)
            {
                requirements.Add((key, $"{key}={(value is JsonValue v && v.TryGetValue<string>(out var text) ? text : "")}"));
            }
        }
        foreach (var expression in s.Objects("matchExpressions"))
        {
            var key = expression.Text("key");
            var values = expression.Strings("values").Order(StringComparer.Ordinal).ToList();
            string? text = expression.Text("operator") switch
            {
                "In" when values.Count > 0 => $"{key} in ({string.Join(",", values)})",
                "NotIn" when values.Count > 0 => $"{key} notin ({string.Join(",", values)})",
                "Exists" when values.Count == 0 => key,
                "DoesNotExist" when values.Count == 0 => "!" + key,
                _ => null,
            };
            if (text is null) return null;
            requirements.Add((key, text));
        }
        return string.Join(",", requirements.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Text));
    }
}
