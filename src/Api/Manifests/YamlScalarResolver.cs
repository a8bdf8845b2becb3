using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ActorOrchestrator.Api.Manifests;

/// <summary>
/// Gives a YAML scalar its JSON type the way Kubernetes does (sigs.k8s.io/yaml on go-yaml v2, a
/// YAML 1.1 resolver): plain <c>true</c>, <c>yes</c>, <c>on</c> are booleans, <c>~</c> and <c>null</c>
/// are null, <c>0x1F</c> and <c>0755</c> are integers. Anything quoted, block-styled or tagged
/// <c>!!str</c> stays a string, so <c>"true"</c> is the string "true".
/// </summary>
/// <remarks>
/// Deliberate difference: go-yaml turns plain timestamps (<c>2024-01-02</c>) into times that JSON then
/// prints in RFC 3339 form; here they stay the string the user wrote.
/// </remarks>
internal static partial class YamlScalarResolver
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    private static readonly HashSet<string> Nulls = ["", "~", "null", "Null", "NULL"];
    private static readonly HashSet<string> Trues = ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"];
    private static readonly HashSet<string> Falses = ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"];
    private static readonly HashSet<string> Infinities = [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN"];

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex YamlFloat();

    /// <summary>The JSON value of one scalar event: a string, boolean, number, or null.</summary>
    public static JsonNode? Resolve(Scalar scalar)
    {
        var tag = scalar.Tag.IsEmpty ? "" : scalar.Tag.Value;
        var line = (int)scalar.Start.Line;
        var column = (int)scalar.Start.Column;

        // "!" (non-specific) and quoted or block scalars are strings; so is an explicit !!str or !!binary.
        if (tag is "!" or TagPrefix + "str" or TagPrefix + "binary") return JsonValue.Create(scalar.Value);
        if (tag.Length == 0 && scalar.Style != ScalarStyle.Plain) return JsonValue.Create(scalar.Value);

        var resolved = ResolvePlain(scalar.Value, line, column);
        return tag switch
        {
            "" => resolved,
            TagPrefix + "null" => resolved is null ? null : Mismatch(scalar, "null"),
            TagPrefix + "bool" => resolved is JsonValue b && b.TryGetValue<bool>(out _) ? resolved : Mismatch(scalar, "bool"),
            TagPrefix + "int" => IsInteger(resolved) ? resolved : Mismatch(scalar, "int"),
            TagPrefix + "float" => IsNumber(resolved) ? resolved : Mismatch(scalar, "float"),
            // Custom tags (!foo) carry no meaning for Kubernetes objects: resolve as if untagged.
            _ => scalar.Style == ScalarStyle.Plain ? resolved : JsonValue.Create(scalar.Value),
        };
    }

    /// <summary>Resolves an untagged plain scalar's text.</summary>
    public static JsonNode? ResolvePlain(string text, int line, int column)
    {
        if (Nulls.Contains(text)) return null;
        if (Trues.Contains(text)) return JsonValue.Create(true);
        if (Falses.Contains(text)) return JsonValue.Create(false);
        if (Infinities.Contains(text))
        {
            // Go's encoding/json refuses these too: there is no JSON spelling for them.
            throw new ManifestSyntaxException(line, column, $"json: unsupported value: {text}");
        }
        if (text.Length == 0 || !"+-.0123456789".Contains(text[0])) return JsonValue.Create(text);

        // go-yaml strips underscores before trying numbers: 1_000 is 1000.
        var plain = text.Replace("_", "", StringComparison.Ordinal);
        if (TryParseInteger(plain, out var integer, out var unsigned))
        {
            return unsigned is { } u ? JsonValue.Create(u) : JsonValue.Create(integer);
        }
        if (YamlFloat().IsMatch(plain) &&
            double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return JsonValue.Create(number);
        }
        return JsonValue.Create(text);
    }

    /// <summary>
    /// Integers as Go's <c>strconv.ParseInt(s, 0, 64)</c> reads them: optional sign, then decimal,
    /// <c>0x</c> hex, <c>0o</c> or leading-zero octal, or <c>0b</c> binary; falls back to unsigned 64-bit.
    /// </summary>
    private static bool TryParseInteger(string s, out long value, out ulong? unsigned)
    {
        value = 0;
        unsigned = null;
        var negative = s.StartsWith('-');
        var body = s.StartsWith('-') || s.StartsWith('+') ? s[1..] : s;
        if (body.Length == 0) return false;

        int radix = 10;
        if (body.Length > 2 && body[0] == '0' && body[1] is 'x' or 'X') { radix = 16; body = body[2..]; }
        else if (body.Length > 2 && body[0] == '0' && body[1] is 'o' or 'O') { radix = 8; body = body[2..]; }
        else if (body.Length > 2 && body[0] == '0' && body[1] is 'b' or 'B') { radix = 2; body = body[2..]; }
        else if (body.Length > 1 && body[0] == '0') { radix = 8; body = body[1..]; }

        System.Numerics.BigInteger magnitude = 0;
        foreach (var c in body)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix) return false;
            magnitude = (magnitude * radix) + digit;
            if (magnitude > ulong.MaxValue) return false;
        }

        var signed = negative ? -magnitude : magnitude;
        if (signed >= long.MinValue && signed <= long.MaxValue)
        {
            value = (long)signed;
            return true;
        }
        if (!negative)
        {
            unsigned = (ulong)magnitude;
            return true;
        }
        return false;
    }

    /// <summary>The text a resolved scalar stands for when it is used as a mapping key.</summary>
    public static string KeyText(JsonNode? resolved, int line, int column) => resolved switch
    {
        null => throw new ManifestSyntaxException(line, column, "null is not supported as a map key"),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        _ => resolved.ToJsonString(),
    };

    private static bool IsInteger(JsonNode? node) =>
        node is JsonValue v && (v.TryGetValue<long>(out _) || v.TryGetValue<ulong>(out _));

    private static bool IsNumber(JsonNode? node) => IsInteger(node) || (node is JsonValue v && v.TryGetValue<double>(out _));

    private static JsonNode Mismatch(Scalar scalar, string type) =>
        throw new ManifestSyntaxException((int)scalar.Start.Line, (int)scalar.Start.Column,
            $"cannot decode !!{type} `{scalar.Value}`");
}
