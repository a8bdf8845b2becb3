using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;

namespace ActorOrchestrator.Grains.Controllers;

/// <summary>
/// Kubernetes' intstr.IntOrString as the rolling-update fields use it: <c>2</c> or <c>"25%"</c>.
/// Percentages scale against a total and round up or down as the caller says (surge rounds up,
/// unavailability rounds down for Deployments; DaemonSets round both up).
/// </summary>
public static class IntOrPercent
{
    /// <summary>Kubernetes' GetScaledValueFromIntOrPercent; <paramref name="fallback"/> when the field is absent or malformed.</summary>
    public static int Resolve(JsonNode? value, int total, bool roundUp, int fallback)
    {
        if (value is not JsonValue v) return fallback;
        if (v.GetValueKind() == JsonValueKind.Number) return (int)(value.Num() ?? fallback);
        if (v.GetValueKind() != JsonValueKind.String) return fallback;
        var text = v.GetValue<string>();
        if (!text.EndsWith('%') || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
        {
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var plain) ? plain : fallback;
        }
        var scaled = (long)percent * total;
        return (int)(roundUp ? (scaled + 99) / 100 : scaled / 100);
    }
}
