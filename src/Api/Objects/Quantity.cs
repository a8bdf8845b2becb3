using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorOrchestrator.Api.Objects;

/// <summary>
/// Kubernetes resource quantities (<c>100m</c>, <c>0.5</c>, <c>128Mi</c>, <c>1G</c>, <c>1e3</c>) converted
/// to the integers Docker and the scheduler want: parse, scale, round up.
/// </summary>
public static partial class Quantity
{
    private const decimal NanosPerCore = 1_000_000_000m;

    /// <summary>CPU cores to Docker <c>NanoCpus</c> (<c>100m</c> → 100,000,000), rounded up.</summary>
    public static long ToNanoCpus(string quantity) => ToLong(Parse(quantity) * NanosPerCore, quantity);

    /// <summary>CPU cores to millicores (<c>0.5</c> → 500), rounded up: the scheduler's unit.</summary>
    public static long ToMilliCpu(string quantity) => ToLong(Parse(quantity) * 1000m, quantity);

    /// <summary>Bytes (<c>128Mi</c> → 134,217,728; <c>1G</c> → 1,000,000,000), rounded up.</summary>
    public static long ToBytes(string quantity) => ToLong(Parse(quantity), quantity);

    /// <summary>The quantity's value in base units (cores, bytes).</summary>
    public static decimal Parse(string quantity)
    {
        ArgumentNullException.ThrowIfNull(quantity);
        var match = Grammar().Match(quantity.Trim());
        if (!match.Success)
        {
            throw new FormatException($"'{quantity}' is not a Kubernetes quantity");
        }
        try
        {
            var number = decimal.Parse(match.Groups["number"].Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            return number * Multiplier(match.Groups["suffix"].Value);
        }
        catch (OverflowException e)
        {
            throw new FormatException($"'{quantity}' is out of range", e);
        }
    }

    private static decimal Multiplier(string suffix) => suffix switch
    {
        "" => 1m,
        "n" => 1e-9m,
        "u" => 1e-6m,
        "m" => 1e-3m,
        "k" => 1e3m,
        "M" => 1e6m,
        "G" => 1e9m,
        "T" => 1e12m,
        "P" => 1e15m,
        "E" => 1e18m,
        "Ki" => 1L << 10,
        "Mi" => 1L << 20,
        "Gi" => 1L << 30,
        "Ti" => 1L << 40,
        "Pi" => 1L << 50,
        "Ei" => 1L << 60,
        _ => PowerOfTen(int.Parse(suffix.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)),
    };

    private static decimal PowerOfTen(int exponent)
    {
        if (exponent is < -28 or > 28)
        {
            throw new OverflowException($"exponent {exponent} is out of range");
        }
        var result = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            result *= 10m;
        }
        return exponent < 0 ? 1m / result : result;
    }

    private static long ToLong(decimal value, string quantity)
    {
        if (value < 0)
        {
            throw new FormatException($"'{quantity}' is negative");
        }
        var rounded = decimal.Ceiling(value);
        return rounded > long.MaxValue ? throw new FormatException($"'{quantity}' is out of range") : (long)rounded;
    }

    // The exponent alternative comes before the bare E (exa) so that "1e3" is a thousand and "1E" an exa.
    [GeneratedRegex(@"^(?<number>[+-]?(?:\d+\.?\d*|\.\d+))(?<suffix>[eE][+-]?\d+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
