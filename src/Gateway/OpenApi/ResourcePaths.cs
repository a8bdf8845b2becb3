using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Resources;
using ActorOrchestrator.Gateway.Discovery;
using k8s.Models;

namespace ActorOrchestrator.Gateway.OpenApi;

/// <summary>
/// The <c>paths</c> entries of one resource in one version: its collection, its items, the
/// all-namespaces list, and the <c>status</c> and <c>scale</c> subresources. Every operation carries
/// <c>x-kubernetes-group-version-kind</c>; kubectl explain finds the kind through it and kubectl
/// create/apply look for <c>fieldValidation</c> among the PATCH parameters of that kind.
/// </summary>
internal sealed class ResourcePaths
{
    /// <summary>
    /// PATCH content types offered. Strategic merge patch is left out on purpose: when an operation
    /// offers it, kubectl apply computes the patch from this document's schemas, which carry no
    /// merge keys; without it kubectl falls back to its compiled-in Kubernetes types, whose merge
    /// keys are exact. The server still accepts strategic merge patches.
    /// </summary>
    private static readonly string[] PatchContentTypes =
        ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"];

    private static readonly string[] ResponseContentTypes = ["application/json", "application/yaml"];

    private readonly ResourceType _type;
    private readonly string _version;
    private readonly SchemaCatalog _schemas;
    private readonly string _operationGroupVersion;

    private ResourcePaths(ResourceType type, string version, SchemaCatalog schemas)
    {
        _type = type;
        _version = version;
        _schemas = schemas;
        _operationGroupVersion = OperationGroupName(type.Group) + char.ToUpperInvariant(version[0]) + version[1..];
    }

    /// <summary>Adds every path of <paramref name="type"/> in <paramref name="version"/> to <paramref name="paths"/>.</summary>
    public static void AddTo(JsonObject paths, ResourceType type, string version, SchemaCatalog schemas) =>
        new ResourcePaths(type, version, schemas).Add(paths);

    /// <summary>The URL prefix of a group-version: <c>/api/v1</c>, <c>/apis/apps/v1</c>.</summary>
    public static string Prefix(string group, string version) => group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";

    private void Add(JsonObject paths)
    {
        var prefix = Prefix(_type.Group, _version);
        var collection = _type.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{_type.Plural}" : $"{prefix}/{_type.Plural}";
        var item = collection + "/{name}";
        var verbs = ResourceVerbs.Of(_type);

        var collectionPath = PathItem(withName: false);
        collectionPath["get"] = List(allNamespaces: false);
        collectionPath["post"] = Create();
        if (verbs.Contains("deletecollection")) collectionPath["delete"] = DeleteCollection();
        paths[collection] = collectionPath;

        var itemPath = PathItem(withName: true);
        itemPath["get"] = Read(null);
        itemPath["put"] = Replace(null);
        itemPath["patch"] = Patch(null);
        itemPath["delete"] = Delete();
        paths[item] = itemPath;

        if (_type.Namespaced)
        {
            var all = new JsonObject { ["get"] = List(allNamespaces: true), ["parameters"] = new JsonArray(Parameters.Pretty()) };
            paths[$"{prefix}/{_type.Plural}"] = all;
        }

        foreach (var subresource in _type.Subresources.Where(s => s is "status" or "scale"))
        {
            var sub = PathItem(withName: true);
            sub["get"] = Read(subresource);
            sub["put"] = Replace(subresource);
            sub["patch"] = Patch(subresource);
            paths[$"{item}/{subresource}"] = sub;
        }
    }

    private JsonObject PathItem(bool withName)
    {
        var parameters = new JsonArray();
        if (withName) parameters.Add(Parameters.Name(_type.Kind));
        if (_type.Namespaced) parameters.Add(Parameters.Namespace());
        parameters.Add(Parameters.Pretty());
        return new JsonObject { ["parameters"] = parameters };
    }

    private JsonObject List(bool allNamespaces) => Operation(
        "list", "list", allNamespaces, null, $"list or watch objects of kind {_type.Kind}", Self(), Parameters.ForList(),
        requestBody: null, Responses(ListModel(), "200"));

    private JsonObject Create() => Operation(
        "post", "create", false, null, $"create a {_type.Kind}", Self(), Parameters.ForWrite(),
        Body("*/*", _schemas.Ref(_type.ModelType)), Responses(_schemas.Ref(_type.ModelType), "200", "201", "202"));

    private JsonObject DeleteCollection() => Operation(
        "deletecollection", "deleteCollection", false, null, $"delete collection of {_type.Kind}", Self(),
        [.. Parameters.ForList(), .. Parameters.ForDelete()],
        Body("*/*", _schemas.Ref(typeof(V1DeleteOptions))), Responses(_schemas.Ref(typeof(V1Status)), "200"));

    private JsonObject Read(string? subresource) => Operation(
        "get", "read", false, subresource, $"read {Describe(subresource)}", Kind(subresource), [],
        requestBody: null, Responses(Model(subresource), "200"));

    private JsonObject Replace(string? subresource) => Operation(
        "put", "replace", false, subresource, $"replace {Describe(subresource)}", Kind(subresource), Parameters.ForWrite(),
        Body("*/*", Model(subresource)), Responses(Model(subresource), "200", "201"));

    private JsonObject Patch(string? subresource)
    {
        var content = new JsonObject();
        foreach (var contentType in PatchContentTypes)
        {
            content[contentType] = new JsonObject { ["schema"] = _schemas.RefWellKnown(WellKnownSchemas.Patch) };
        }
        return Operation(
            "patch", "patch", false, subresource, $"partially update {Describe(subresource)}", Kind(subresource), Parameters.ForPatch(),
            new JsonObject { ["content"] = content, ["required"] = true }, Responses(Model(subresource), "200", "201"));
    }

    private JsonObject Delete() => Operation(
        "delete", "delete", false, null, $"delete a {_type.Kind}", Self(), Parameters.ForDelete(),
        Body("*/*", _schemas.Ref(typeof(V1DeleteOptions))), Responses(_schemas.Ref(_type.ModelType), "200", "202"));

    private JsonObject Operation(string action, string verb, bool allNamespaces, string? subresource, string description,
        GroupVersionKind gvk, IEnumerable<JsonObject> parameters, JsonObject? requestBody, JsonObject responses)
    {
        var operation = new JsonObject
        {
            ["tags"] = new JsonArray((JsonNode)Tag()),
            ["description"] = description,
            ["operationId"] = OperationId(verb, allNamespaces, subresource),
        };
        var parameterArray = new JsonArray([.. parameters]);
        if (parameterArray.Count > 0) operation["parameters"] = parameterArray;
        if (requestBody is not null) operation["requestBody"] = requestBody;
        operation["responses"] = responses;
        operation["x-kubernetes-action"] = action;
        // Operations carry a single GVK object; schemas carry a list of them.
        operation["x-kubernetes-group-version-kind"] = new JsonObject
        {
            ["group"] = gvk.Group,
            ["kind"] = gvk.Kind,
            ["version"] = gvk.Version,
        };
        return operation;
    }

    /// <summary>Kubernetes' operation ids: <c>listCoreV1NamespacedPod</c>, <c>patchAppsV1NamespacedDeploymentScale</c>.</summary>
    private string OperationId(string verb, bool allNamespaces, string? subresource)
    {
        var scope = _type.Namespaced && !allNamespaces ? "Namespaced" : "";
        var sub = subresource is null ? "" : char.ToUpperInvariant(subresource[0]) + subresource[1..];
        var suffix = allNamespaces ? "ForAllNamespaces" : "";
        if (verb == "deleteCollection") return $"delete{_operationGroupVersion}Collection{scope}{_type.Kind}";
        return $"{verb}{_operationGroupVersion}{scope}{_type.Kind}{sub}{suffix}";
    }

    private string Tag() => (_type.Group.Length == 0 ? "core" : _type.Group.Split('.')[0]) + "_" + _version;

    private GroupVersionKind Self() => new(_type.Group, _version, _type.Kind);

    private GroupVersionKind Kind(string? subresource) =>
        subresource is null ? Self() : ResourceVerbs.Subresource(_type, _version, subresource).ResponseKind;

    private JsonObject Model(string? subresource) =>
        subresource == "scale" ? _schemas.Ref(typeof(V1Scale)) : _schemas.Ref(_type.ModelType);

    private JsonObject ListModel()
    {
        var listType = _type.ModelType.Assembly.GetType(_type.ModelType.FullName + "List");
        return listType is null ? new JsonObject { ["type"] = "object" } : _schemas.Ref(listType);
    }

    private string Describe(string? subresource) =>
        subresource is null ? $"the specified {_type.Kind}" : $"{subresource} of the specified {_type.Kind}";

    private static JsonObject Body(string contentType, JsonObject schema) => new()
    {
        ["content"] = new JsonObject { [contentType] = new JsonObject { ["schema"] = schema } },
        ["required"] = true,
    };

    private static JsonObject Responses(JsonObject schema, params string[] codes)
    {
        var responses = new JsonObject();
        foreach (var code in codes)
        {
            var content = new JsonObject();
            foreach (var contentType in ResponseContentTypes) content[contentType] = new JsonObject { ["schema"] = schema.DeepClone() };
            responses[code] = new JsonObject { ["description"] = code switch { "201" => "Created", "202" => "Accepted", _ => "OK" }, ["content"] = content };
        }
        responses["401"] = new JsonObject { ["description"] = "Unauthorized" };
        return responses;
    }

    /// <summary>The group part of operation ids: <c>Core</c>, <c>Apps</c>, <c>Discovery</c> (for discovery.k8s.io).</summary>
    private static string OperationGroupName(string group)
    {
        var name = group.Length == 0 ? "core" : group.Split('.')[0];
        return char.ToUpperInvariant(name[0]) + name[1..];
    }
}
