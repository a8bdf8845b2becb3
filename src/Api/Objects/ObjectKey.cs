namespace ActorOrchestrator.Api.Objects;

/// <summary>Where one API object lives: its resource's storage key, namespace ('' when cluster-scoped) and name.</summary>
public readonly record struct ObjectKey(string Resource, string Namespace, string Name)
{
    /// <summary>The grain key form, <c>resource/namespace/name</c>; names cannot contain '/'.</summary>
    public override string ToString() => $"{Resource}/{Namespace}/{Name}";

    public static ObjectKey Parse(string grainKey)
    {
        var parts = grainKey.Split('/');
        if (parts.Length != 3) throw new FormatException($"'{grainKey}' is not a resource/namespace/name key");
        return new ObjectKey(parts[0], parts[1], parts[2]);
    }
}
