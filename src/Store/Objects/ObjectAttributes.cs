namespace ActorOrchestrator.Store.Objects;

/// <summary>
/// What label and field selectors can see of an object, kept in columns beside its JSON so that
/// lists and watches filter in SQL without parsing objects.
/// </summary>
/// <param name="Labels">metadata.labels.</param>
/// <param name="Fields">Selectable fields by path (e.g. <c>spec.nodeName</c>); a missing field reads as "".</param>
/// <param name="ControllerUid">The uid of the owner reference marked <c>controller: true</c>, if any.</param>
public sealed record ObjectAttributes(
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Fields,
    Guid? ControllerUid)
{
    public static ObjectAttributes Empty { get; } = new(new Dictionary<string, string>(), new Dictionary<string, string>(), null);
}
