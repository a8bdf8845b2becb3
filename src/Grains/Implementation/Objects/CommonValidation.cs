using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Api.Validation;

namespace ActorOrchestrator.Grains.Objects;

/// <summary>The metadata checks every object passes: its name, labels and annotations.</summary>
internal static class CommonValidation
{
    public static IEnumerable<StatusCause> Metadata(ResourceType type, JsonObject obj) =>
        NameValidation.ValidateObjectName(obj, type).Concat(MetadataValidation.ValidateMetadata(obj));
}
