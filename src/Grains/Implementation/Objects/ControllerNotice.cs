using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Resources;

namespace ActorOrchestrator.Grains.Objects;

/// <summary>
/// Wakes the controller of an object after the object changed (a pod tells its ReplicaSet, a ReplicaSet its
/// Deployment). Only a hint: the controller re-reads everything it decides on.
/// </summary>
internal static class ControllerNotice
{
    public static Task PokeControllerAsync(IGrainFactory grains, JsonObject? obj)
    {
        var reference = obj?.Metadata().Objects("ownerReferences").FirstOrDefault(r => r.Flag("controller") == true);
        if (reference is null) return Task.CompletedTask;
        var type = ResourceRegistry.FindByKind(reference.Text("apiVersion"), reference.Text("kind"));
        if (type is null || string.IsNullOrEmpty(reference.Str("name"))) return Task.CompletedTask;
        return ObjectGrains.Get(grains, type, obj!.Namespace() ?? "", reference.Text("name")).Poke();
    }
}
