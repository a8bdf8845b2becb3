using System.Globalization;

namespace ActorOrchestrator.NodeAgent.Pods;

/// <summary>Durations as Go prints them (<c>10s</c>, <c>1m20s</c>, <c>5m0s</c>, <c>250ms</c>), for kubelet-like messages.</summary>
internal static class GoDuration
{
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "0s";
        }
        if (duration < TimeSpan.FromSeconds(1))
        {
            return duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
        }
        var hours = (long)duration.TotalHours;
        var minutes = duration.Minutes;
        var seconds = (duration - TimeSpan.FromHours(hours) - TimeSpan.FromMinutes(minutes)).TotalSeconds;
        var secondsText = seconds.ToString("0.#########", CultureInfo.InvariantCulture) + "s";
        return hours > 0 ? $"{hours}h{minutes}m{secondsText}" : minutes > 0 ? $"{minutes}m{secondsText}" : secondsText;
    }
}
