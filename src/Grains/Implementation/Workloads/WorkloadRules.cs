using System.Text.Json.Nodes;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Api.Selectors;
using ActorOrchestrator.Grains.Pods;

namespace ActorOrchestrator.Grains.Workloads;

/// <summary>The defaults and checks every workload kind shares: pod templates and selectors.</summary>
internal static class WorkloadRules
{
    /// <summary>Defaults of the pod template at <paramref name="templatePath"/> (Kubernetes defaults templates too).</summary>
    public static void DefaultTemplate(JsonObject obj, params string[] templatePath)
    {
        if (obj.At(templatePath) is JsonObject template && template["spec"] is JsonObject spec) PodDefaults.Apply(spec, tolerationSeconds: null);
    }

    public static IEnumerable<StatusCause> ValidateTemplate(JsonObject obj, string path, params string[] templatePath)
    {
        if (obj.At(templatePath) is not JsonObject template)
        {
            yield return new StatusCause("FieldValueRequired", "Required value", path);
            yield break;
        }
        foreach (var cause in PodValidation.ValidateSpec(template["spec"] as JsonObject, path + ".spec")) yield return cause;
    }

    /// <summary>apps/v1 kinds: a selector is required and must select the template's pods.</summary>
    public static IEnumerable<StatusCause> ValidateSelector(JsonObject obj, JsonObject? old, string templateLabelsPath = "spec.template.metadata.labels")
    {
        var spec = obj.Spec();
        if (spec?["selector"] is not JsonObject selectorObject)
        {
            yield return new StatusCause("FieldValueRequired", "Required value", "spec.selector");
            yield break;
        }
        LabelSelector selector;
        string? error = null;
        try
        {
            selector = LabelSelector.FromObject(selectorObject);
        }
        catch (ApiException ex)
        {
            selector = LabelSelector.Nothing;
            error = ex.Message;
        }
        if (error is not null)
        {
            yield return new StatusCause("FieldValueInvalid", "Invalid value: " + error, "spec.selector");
            yield break;
        }
        if (selector.IsEmpty)
        {
            yield return new StatusCause("FieldValueInvalid", "Invalid value: \"{}\": empty selector is invalid for deployment", "spec.selector");
        }
        foreach (var cause in SelectorMatchesTemplate(selector, obj, templateLabelsPath)) yield return cause;
        if (old is not null && !JsonNode.DeepEquals(old.Spec()?["selector"], selectorObject))
        {
            yield return new StatusCause("FieldValueInvalid", $"Invalid value: {selectorObject.ToJsonString()}: field is immutable", "spec.selector");
        }
    }

    public static IEnumerable<StatusCause> SelectorMatchesTemplate(LabelSelector selector, JsonObject obj, string templateLabelsPath)
    {
        var labels = ObjectAccess.StringMap(obj.AtPath(templateLabelsPath));
        if (!selector.Matches(labels))
        {
            var shown = string.Join(", ", labels.Select(l => $"\"{l.Key}\":\"{l.Value}\""));
            yield return new StatusCause("FieldValueInvalid",
                $"Invalid value: map[string]string{{{shown}}}: `selector` does not match template `labels`", templateLabelsPath);
        }
    }

    public static IEnumerable<StatusCause> NonNegative(JsonObject obj, string field)
    {
        if (obj.Spec().Num(field) is < 0)
        {
            yield return new StatusCause("FieldValueInvalid", $"Invalid value: {obj.Spec().Num(field)}: must be greater than or equal to 0", "spec." + field);
        }
    }

    public static void SetIfMissing(JsonObject obj, string property, JsonNode? value)
    {
        if (obj[property] is null) obj[property] = value;
    }

    public static JsonObject EnsureObject(JsonObject parent, string property)
    {
        if (parent[property] is JsonObject child) return child;
        child = [];
        parent[property] = child;
        return child;
    }
}
