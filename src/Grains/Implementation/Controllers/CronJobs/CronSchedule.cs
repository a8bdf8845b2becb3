using Cronos;

namespace ActorOrchestrator.Grains.Controllers;

/// <summary>
/// A CronJob's schedule with Cronos: five fields (or a macro such as <c>@hourly</c>) evaluated in a time
/// zone taken from a <c>CRON_TZ=</c>/<c>TZ=</c> prefix or from <c>spec.timeZone</c>, else UTC.
/// <see cref="Next"/> is strictly after its argument, like robfig/cron's Next.
/// </summary>
public sealed class CronSchedule
{
    private readonly CronExpression _expression;

    private CronSchedule(CronExpression expression, TimeZoneInfo zone)
    {
        _expression = expression;
        Zone = zone;
    }

    public TimeZoneInfo Zone { get; }

    public DateTimeOffset? Next(DateTimeOffset after) => _expression.GetNextOccurrence(after, Zone);

    /// <summary>Parses the schedule; the error text is what Kubernetes' UnparseableSchedule event shows.</summary>
    public static CronSchedule? TryParse(string schedule, TimeZoneInfo zone, out string? error)
    {
        error = null;
        var text = schedule.Trim();
        if (text.StartsWith("CRON_TZ=", StringComparison.Ordinal) || text.StartsWith("TZ=", StringComparison.Ordinal))
        {
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                error = "missing fields after time zone";
                return null;
            }
            var name = text[(text.IndexOf('=', StringComparison.Ordinal) + 1)..space];
            if (!TryZone(name, out var prefixed, out error)) return null;
            zone = prefixed!;
            text = text[(space + 1)..].Trim();
        }
        try
        {
            return new CronSchedule(CronExpression.Parse(text, CronFormat.Standard), zone);
        }
        catch (CronFormatException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>An IANA zone name (what Go's time.LoadLocation accepts); "" and "UTC" are UTC.</summary>
    public static bool TryZone(string? name, out TimeZoneInfo? zone, out string? error)
    {
        error = null;
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrEmpty(name) || name == "UTC") return true;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(name);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            error = $"unknown time zone {name}";
            zone = null;
            return false;
        }
    }
}
