using System.Globalization;

namespace ActorOrchestrator.Api.Objects;

/// <summary>Kubernetes writes times as RFC 3339 in UTC with whole seconds (<c>2019-02-12T11:03:28Z</c>).</summary>
public static class Timestamps
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>MicroTime, used by events' <c>eventTime</c> and leases' renew times.</summary>
    public static string FormatMicro(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? Parse(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
}
