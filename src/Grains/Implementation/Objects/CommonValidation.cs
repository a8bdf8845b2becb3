using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Api.Validation;

namespace ActorOrchestrator.Grains.Objects;

/// <summary>The metadata checks every object passes: its name, labels and annotations.</summary>
internal static class CommonValidation
{
    public static IEnumerable<StatusCause> Metadata(ResourceType type, JsonObject obj)
    {
        var meta = obj["metadata"] as JsonObject ?? [];
        var name = meta["name"]?.ToString() ?? "";
        // Namespaces and services are DNS labels (they become DNS names); most other names are subdomains.
        var nameErrors = type == ResourceRegistry.Namespaces || type == ResourceRegistry.Services
            ? NameValidation.DnsLabelErrors(name)
            : NameValidation.DnsSubdomainErrors(name);
        foreach (var message in nameErrors)
        {
            yield return new StatusCause("FieldValueInvalid", $"Invalid value: \"{name}\": {message}", "metadata.name");
        }
        foreach (var cause in MetadataValidation.ValidateLabels(meta["labels"] as JsonObject, "metadata.labels")) yield return cause;
        foreach (var cause in MetadataValidation.ValidateAnnotations(meta["annotations"] as JsonObject, "metadata.annotations")) yield return cause;
    }
}
