using System.Text.Json.Nodes;

namespace ActorOrchestrator.Gateway.Printing;

/// <summary>
/// One <c>columnDefinitions</c> entry of a <c>meta.k8s.io/v1</c> Table. kubectl shows columns of
/// <see cref="Priority"/> 0 always and the others only with <c>-o wide</c>.
/// </summary>
public sealed record TableColumn(string Name, string Type, string Format, string Description, int Priority)
{
    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["type"] = Type,
        ["format"] = Format,
        ["description"] = Description,
        ["priority"] = Priority,
    };
}
