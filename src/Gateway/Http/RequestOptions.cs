using System.Globalization;
using ActorOrchestrator.Api.Errors;
using ActorOrchestrator.Api.Objects;
using ActorOrchestrator.Gateway.Printing;
using Microsoft.AspNetCore.Http;

namespace ActorOrchestrator.Gateway.Http;

/// <summary>The query parameters of Kubernetes API requests (ListOptions, CreateOptions, PatchOptions, ...).</summary>
public sealed record RequestOptions(
    string? LabelSelector,
    string? FieldSelector,
    int Limit,
    string? Continue,
    string? ResourceVersion,
    bool Watch,
    bool AllowWatchBookmarks,
    TimeSpan? TimeoutSeconds,
    bool DryRun,
    FieldValidation FieldValidation,
    string? FieldManager,
    bool Force,
    string? PropagationPolicy,
    long? GracePeriodSeconds,
    TableIncludeObject IncludeObject)
{
    public static RequestOptions From(IQueryCollection query)
    {
        var dryRun = query["dryRun"].ToString();
        if (dryRun.Length > 0 && dryRun != "All")
        {
            throw ApiException.BadRequest($"Invalid dryRun value \"{dryRun}\": only \"All\" is supported");
        }
        return new RequestOptions(
            NullIfEmpty(query["labelSelector"]),
            NullIfEmpty(query["fieldSelector"]),
            Int(query, "limit") ?? 0,
            NullIfEmpty(query["continue"]),
            NullIfEmpty(query["resourceVersion"]),
            Bool(query, "watch"),
            Bool(query, "allowWatchBookmarks"),
            Int(query, "timeoutSeconds") is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            dryRun == "All",
            FieldValidationDirective.Parse(NullIfEmpty(query["fieldValidation"])),
            NullIfEmpty(query["fieldManager"]),
            Bool(query, "force"),
            NullIfEmpty(query["propagationPolicy"]),
            Int(query, "gracePeriodSeconds"),
            TableIncludeObjectParser.Parse(NullIfEmpty(query["includeObject"]))
                ?? throw ApiException.BadRequest($"includeObject must be one of None, Metadata or Object, not \"{query["includeObject"]}\""));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static bool Bool(IQueryCollection query, string name) =>
        query[name].ToString() is "true" or "1" or "True";

    private static int? Int(IQueryCollection query, string name)
    {
        var text = query[name].ToString();
        if (text.Length == 0) return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiException.BadRequest($"{name}: invalid value \"{text}\": must be an integer");
    }
}
