namespace ActorOrchestrator.Api.Protobuf;

/// <summary>Go's <c>time.Duration.String()</c>, which is what <c>metav1.Duration</c> puts in JSON.</summary>
internal static class GoDuration
{
    private const ulong Microsecond = 1_000;
    private const ulong Millisecond = 1_000_000;
    private const ulong Second = 1_000_000_000;

    public static string Format(long nanoseconds)
    {
        if (nanoseconds == 0)
        {
            return "0s";
        }
        var negative = nanoseconds < 0;
        var u = negative ? (ulong)-(nanoseconds + 1) + 1 : (ulong)nanoseconds;
        string text;
        if (u < Second)
        {
            // Under a second Go switches to the largest unit below it: 1.5ms, 20µs, 7ns.
            text = u < Microsecond ? $"{u}ns"
                : u < Millisecond ? Scaled(u, 3) + "µs"
                : Scaled(u, 6) + "ms";
        }
        else
        {
            var seconds = u / Second;
            text = $"{seconds % 60}{Fraction(u % Second, 9)}s";
            var minutes = seconds / 60;
            if (minutes > 0)
            {
                text = $"{minutes % 60}m{text}";
                var hours = minutes / 60;
                if (hours > 0)
                {
                    text = $"{hours}h{text}";
                }
            }
        }
        return negative ? "-" + text : text;
    }

    private static string Scaled(ulong value, int decimals)
    {
        var divisor = (ulong)Math.Pow(10, decimals);
        return $"{value / divisor}{Fraction(value % divisor, decimals)}";
    }

    /// <summary>".25" for 250 of 3 digits; nothing for 0, as Go drops trailing zeros and the point.</summary>
    private static string Fraction(ulong fraction, int digits) =>
        fraction == 0 ? "" : "." + fraction.ToString().PadLeft(digits, '0').TrimEnd('0');
}
