using System.Text.Json.Nodes;

namespace ActorOrchestrator.Gateway.OpenApi;

/// <summary>
/// The query and path parameters Kubernetes documents for its REST operations. Each call builds a new
/// node because a JSON node can have only one parent. kubectl reads <see cref="FieldValidation"/>
/// from PATCH operations to decide that the server validates fields itself (it then sends
/// <c>fieldValidation=Strict</c> instead of validating client-side).
/// </summary>
internal static class Parameters
{
    public static JsonObject Name(string kind) => Path("name", $"name of the {kind}");

    public static JsonObject Namespace() => Path("namespace", "object name and auth scope, such as for teams and projects");

    public static JsonObject Pretty() => Query("pretty", "string",
        "If 'true', then the output is pretty printed. Defaults to 'false' unless the user-agent indicates a browser or command-line HTTP tool (curl and wget).");

    public static IEnumerable<JsonObject> ForList() =>
    [
        Query("allowWatchBookmarks", "boolean", "allowWatchBookmarks requests watch events with type \"BOOKMARK\". Servers that do not implement bookmarks may ignore this flag and bookmarks are sent at the server's discretion."),
        Query("continue", "string", "The continue option should be set when retrieving more results from the server. Since this value is server defined, clients may only use the continue value from a previous query result with identical query parameters (except for the value of continue)."),
        Query("fieldSelector", "string", "A selector to restrict the list of returned objects by their fields. Defaults to everything."),
        Query("labelSelector", "string", "A selector to restrict the list of returned objects by their labels. Defaults to everything."),
        Query("limit", "integer", "limit is a maximum number of responses to return for a list call. If more items exist, the server will set the `continue` field on the list metadata to a value that can be used with the same initial query to retrieve the next set of results."),
        Query("resourceVersion", "string", "resourceVersion sets a constraint on what resource versions a request may be served from. Defaults to unset."),
        Query("resourceVersionMatch", "string", "resourceVersionMatch determines how resourceVersion is applied to list calls. Defaults to unset."),
        Query("sendInitialEvents", "boolean", "`sendInitialEvents=true` may be set together with `watch=true`. In that case, the watch stream will begin with synthetic events to produce the current state of objects in the collection."),
        Query("timeoutSeconds", "integer", "Timeout for the list/watch call. This limits the duration of the call, regardless of any activity or inactivity."),
        Query("watch", "boolean", "Watch for changes to the described resources and return them as a stream of add, update, and remove notifications. Specify resourceVersion."),
    ];

    /// <summary>Parameters of create and replace.</summary>
    public static IEnumerable<JsonObject> ForWrite() => [DryRun(), FieldManager(), FieldValidation()];

    public static IEnumerable<JsonObject> ForPatch() =>
    [
        DryRun(), FieldManager(), FieldValidation(),
        Query("force", "boolean", "Force is going to \"force\" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests."),
    ];

    public static IEnumerable<JsonObject> ForDelete() =>
    [
        DryRun(),
        Query("gracePeriodSeconds", "integer", "The duration in seconds before the object should be deleted. Value must be non-negative integer. The value zero indicates delete immediately. If this value is nil, the default grace period for the specified type will be used."),
        Query("orphanDependents", "boolean", "Deprecated: please use the PropagationPolicy, this field will be deprecated in 1.7. Should the dependent objects be orphaned."),
        Query("propagationPolicy", "string", "Whether and how garbage collection will be performed. Acceptable values are: 'Orphan' - orphan the dependents; 'Background' - allow the garbage collector to delete the dependents in the background; 'Foreground' - a cascading policy that deletes all dependents in the foreground."),
    ];

    public static JsonObject FieldValidation() => Query("fieldValidation", "string",
        "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: unknown fields are silently dropped and all but the last duplicate field are ignored. - Warn: a warning is sent via the standard warning response header for each unknown field that is dropped and for each duplicate field. - Strict: the request fails with a BadRequest error if any unknown fields would be dropped from the object, or if any duplicate fields are present.");

    private static JsonObject DryRun() => Query("dryRun", "string",
        "When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed");

    private static JsonObject FieldManager() => Query("fieldManager", "string",
        "fieldManager is a name associated with the actor or entity that is making these changes. The value must be less than or 128 characters long, and only contain printable characters, as defined by https://golang.org/pkg/unicode/#IsPrint.");

    private static JsonObject Query(string name, string type, string description) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["description"] = description,
        ["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true },
    };

    private static JsonObject Path(string name, string description) => new()
    {
        ["name"] = name,
        ["in"] = "path",
        ["description"] = description,
        ["required"] = true,
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };
}
