namespace ActorOrchestrator.Gateway.Printing;

/// <summary>
/// Kubernetes' <c>duration.HumanDuration</c> (k8s.io/apimachinery/pkg/util/duration): about two
/// significant figures, e.g. <c>45s</c>, <c>2m3s</c>, <c>5m</c>, <c>3h12m</c>, <c>2d3h</c>, <c>8d</c>,
/// <c>3y45d</c>. AGE, DURATION and LAST SEEN columns use it; kubectl prints what the server sends.
/// </summary>
public static class HumanDuration
{
    public static string Format(TimeSpan duration)
    {
        // Up to two seconds in the future still reads as "now": clocks of different machines drift.
        var seconds = (long)duration.TotalSeconds;
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 60 * 2) return $"{seconds}s";

        var minutes = duration.Ticks / TimeSpan.TicksPerMinute;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? $"{minutes}m" : $"{minutes}m{s}s";
        }
        if (minutes < 60 * 3) return $"{minutes}m";

        var hours = duration.Ticks / TimeSpan.TicksPerHour;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? $"{hours}h" : $"{hours}h{m}m";
        }
        if (hours < 48) return $"{hours}h";
        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? $"{hours / 24}d" : $"{hours / 24}d{h}h";
        }
        if (hours < 24 * 365 * 2) return $"{hours / 24}d";
        if (hours < 24 * 365 * 8)
        {
            var days = hours / 24 % 365;
            return days == 0 ? $"{hours / 24 / 365}y" : $"{hours / 24 / 365}y{days}d";
        }
        return $"{hours / 24 / 365}y";
    }

    /// <summary>
    /// The age of a timestamp at <paramref name="now"/>, or <c>&lt;unknown&gt;</c> when there is none
    /// (Kubernetes' <c>translateTimestampSince</c>).
    /// </summary>
    public static string Since(DateTimeOffset? timestamp, DateTimeOffset now) =>
        timestamp is { } t ? Format(now - t) : "<unknown>";
}
