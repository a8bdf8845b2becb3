using ActorOrchestrator.Api.Protobuf.Schemas;

namespace ActorOrchestrator.Api.Protobuf;

/// <summary>
/// Every message the decoder knows, read once from <c>Schemas/</c>, with each field's type bound to
/// its schema (or to a <see cref="WellKnownType"/>) so a missing message fails at start-up, not mid-request.
/// </summary>
internal static class SchemaRegistry
{
    private static readonly SchemaSource[] Sources =
    [
        MetaV1.Source,
        CoreV1.Source, CoreV1Pod.Source, CoreV1Container.Source, CoreV1Volumes.Source, CoreV1LegacyVolumes.Source, CoreV1PodStatus.Source,
        AppsV1.Source, BatchV1.Source, RbacV1.Source, PolicyV1.Source, SchedulingV1.Source,
        AuthenticationV1.Source, AuthorizationV1.Source, NetworkingV1.Source, CoordinationV1.Source, DiscoveryV1.Source,
    ];

    private static readonly Dictionary<string, MessageSchema> ByName = Load();

    private static readonly Dictionary<(string ApiVersion, string Kind), MessageSchema> ByKind = Sources
        .SelectMany(source => source.Kinds.Select(kind => ((source.ApiVersion, kind), Named($"{source.Package}.{kind}"))))
        .ToDictionary(pair => pair.Item1, pair => pair.Item2);

    public static IReadOnlyCollection<MessageSchema> Messages => ByName.Values;

    public static IReadOnlyCollection<(string ApiVersion, string Kind)> Kinds => ByKind.Keys;

    /// <summary>The message a body of this apiVersion and kind holds, or null when it has no schema here.</summary>
    public static MessageSchema? ForKind(string apiVersion, string kind) =>
        ByKind.TryGetValue((apiVersion, kind), out var schema) ? schema : null;

    public static MessageSchema Named(string name) =>
        ByName.TryGetValue(name, out var schema) ? schema : throw new InvalidOperationException($"no protobuf schema named {name}");

    private static Dictionary<string, MessageSchema> Load()
    {
        var byName = new Dictionary<string, MessageSchema>();
        foreach (var message in Sources.SelectMany(source => SchemaText.Parse(source.Package, source.Messages)))
        {
            if (!byName.TryAdd(message.Name, message))
            {
                throw new InvalidOperationException($"protobuf schema {message.Name} is declared twice");
            }
        }
        foreach (var message in byName.Values)
        {
            foreach (var field in message.Fields.Where(f => f.Type.Kind == ValueKind.Message))
            {
                var name = field.Type.MessageName!;
                if (WellKnownTypes.ByName.TryGetValue(name, out var wellKnown))
                {
                    field.Type.Bind(wellKnown);
                }
                else if (byName.TryGetValue(name, out var target))
                {
                    field.Type.Bind(target);
                }
                else
                {
                    throw new InvalidOperationException($"{message.Name}.{field.JsonName} refers to {name}, which has no schema");
                }
            }
        }
        return byName;
    }
}
