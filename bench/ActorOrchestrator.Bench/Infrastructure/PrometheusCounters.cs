using System.Globalization;

namespace ActorOrchestrator.Bench.Infrastructure;

/// <summary>
/// The counters of a program's <c>/metrics</c> page (Prometheus text format), keyed by metric name and
/// one label: <c>actororchestrator_nodeagent_runtime_calls_total{operation="inspect"}</c> becomes
/// (<c>actororchestrator_nodeagent_runtime_calls_total</c>, <c>inspect</c>). Other labels are summed over.
/// </summary>
public sealed class PrometheusCounters
{
    private readonly Dictionary<(string Metric, string Label), double> _values;

    private PrometheusCounters(Dictionary<(string, string), double> values) => _values = values;

    public static PrometheusCounters Empty { get; } = new([]);

    /// <summary>Scrapes <paramref name="url"/>; an unreachable page reads as no counters (the figures then show as missing).</summary>
    public static async Task<PrometheusCounters> ScrapeAsync(HttpClient http, Uri url, string label, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            return Parse(await http.GetStringAsync(url, timeout.Token), label);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return Empty;
        }
    }

    public static PrometheusCounters Parse(string text, string label)
    {
        var values = new Dictionary<(string, string), double>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var space = line.LastIndexOf(' ');
            if (space < 0 || !double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) continue;
            var series = line[..space];
            var brace = series.IndexOf('{');
            var metric = brace < 0 ? series : series[..brace];
            var key = (metric, brace < 0 ? "" : LabelValue(series[brace..], label));
            values[key] = values.GetValueOrDefault(key) + value;
        }
        return new PrometheusCounters(values);
    }

    /// <summary>What each (metric, label value) of <paramref name="metric"/> grew by since <paramref name="before"/>.</summary>
    public IReadOnlyDictionary<string, double> Since(PrometheusCounters before, string metric) =>
        _values.Where(v => v.Key.Metric == metric)
            .ToDictionary(v => v.Key.Label, v => v.Value - before._values.GetValueOrDefault(v.Key), StringComparer.Ordinal);

    private static string LabelValue(string labels, string label)
    {
        var start = labels.IndexOf(label + "=\"", StringComparison.Ordinal);
        if (start < 0) return "";
        start += label.Length + 2;
        var end = labels.IndexOf('"', start);
        return end < 0 ? "" : labels[start..end];
    }
}
