namespace ActorOrchestrator.Api.Protobuf;

/// <summary>
/// Reads the compact schema notation of <c>Schemas/*.cs</c>: a message name on its own line, then
/// one indented line per field, <c>number jsonName goType[,omitempty][,inline]</c>, which is the
/// Go field's <c>protobuf</c> tag number, <c>json</c> tag and type side by side.
/// </summary>
internal static class SchemaText
{
    private const string MapPrefix = "map[string]";

    public static IEnumerable<MessageSchema> Parse(string package, string text)
    {
        string? message = null;
        var fields = new List<FieldSchema>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (!char.IsAsciiDigit(line[0]))
            {
                if (line.Contains(' '))
                {
                    throw new InvalidOperationException($"{package}: '{line}' is neither a message name nor a field line");
                }
                if (message is not null)
                {
                    yield return new MessageSchema(message, fields);
                }
                message = $"{package}.{line}";
                fields = [];
                continue;
            }
            if (message is null)
            {
                throw new InvalidOperationException($"{package}: field line '{line}' comes before any message name");
            }
            fields.Add(ParseField(package, message, line));
        }
        if (message is not null)
        {
            yield return new MessageSchema(message, fields);
        }
    }

    private static FieldSchema ParseField(string package, string message, string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3 || !int.TryParse(parts[0], out var number) || number <= 0)
        {
            throw new InvalidOperationException($"{message}: '{line}' is not 'number jsonName goType[,flags]'");
        }
        var typeAndFlags = parts[2].Split(',');
        var flags = typeAndFlags.Skip(1).ToHashSet();
        if (flags.Except(["omitempty", "inline"]).FirstOrDefault() is { } unknown)
        {
            throw new InvalidOperationException($"{message}: unknown flag '{unknown}' in '{line}'");
        }
        var (shape, baseType) = SplitShape(typeAndFlags[0]);
        return new FieldSchema(number, parts[1], shape, ParseType(package, baseType), flags.Contains("omitempty"), flags.Contains("inline"));
    }

    private static (FieldShape Shape, string BaseType) SplitShape(string goType) => goType switch
    {
        _ when goType.StartsWith('*') => (FieldShape.Pointer, goType[1..]),
        _ when goType.StartsWith("[]") => (FieldShape.Repeated, goType[2..]),
        _ when goType.StartsWith(MapPrefix) => (FieldShape.Map, goType[MapPrefix.Length..]),
        _ => (FieldShape.Value, goType),
    };

    private static TypeRef ParseType(string package, string baseType) => baseType switch
    {
        "string" => new TypeRef(ValueKind.String),
        "bool" => new TypeRef(ValueKind.Bool),
        "int32" => new TypeRef(ValueKind.Int32),
        "int64" => new TypeRef(ValueKind.Int64),
        "float64" => new TypeRef(ValueKind.Float64),
        "bytes" => new TypeRef(ValueKind.Bytes),
        _ when baseType.Contains('.') => new TypeRef(ValueKind.Message, baseType),
        _ => new TypeRef(ValueKind.Message, $"{package}.{baseType}"),
    };
}
