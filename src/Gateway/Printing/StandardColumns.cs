using ActorOrchestrator.Gateway.OpenApi;
using k8s.Models;

namespace ActorOrchestrator.Gateway.Printing;

/// <summary>
/// Column definitions shared by the printers. Descriptions come from the Kubernetes field docs
/// where Kubernetes uses them (<c>ObjectMeta.name</c> for NAME), otherwise Kubernetes' literal text.
/// </summary>
internal static class StandardColumns
{
    public static TableColumn Name() => new("Name", "string", "name", Doc<V1ObjectMeta>("name"), 0);

    public static TableColumn Age() => String("Age", Doc<V1ObjectMeta>("creationTimestamp"));

    public static TableColumn Containers() => String("Containers", "Names of each container in the template.", 1);

    public static TableColumn Images() => String("Images", "Images referenced by each container in the template.", 1);

    public static TableColumn String(string name, string description, int priority = 0) => new(name, "string", "", description, priority);

    public static TableColumn Integer(string name, string description, int priority = 0) => new(name, "integer", "", description, priority);

    public static TableColumn Boolean(string name, string description, int priority = 0) => new(name, "boolean", "", description, priority);

    /// <summary>The Kubernetes description of a field, as <c>SwaggerDoc()[field]</c> gives it in printers.go.</summary>
    public static string Doc<TModel>(string jsonField) => ModelDocumentation.OfField(typeof(TModel), jsonField);
}
