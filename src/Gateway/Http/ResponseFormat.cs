namespace ActorOrchestrator.Gateway.Http;

public enum ResponseFormat
{
    Json,
    Yaml,
    /// <summary>A <c>meta.k8s.io/v1 Table</c> for server-side printing (<c>kubectl get</c>).</summary>
    Table,
}

/// <summary>Reads the Accept header the way kube-apiserver negotiates: the first acceptable entry wins.</summary>
public static class ResponseFormats
{
    public static ResponseFormat From(string? accept)
    {
        if (string.IsNullOrEmpty(accept)) return ResponseFormat.Json;
        foreach (var entry in accept.Split(','))
        {
            var parts = entry.Split(';', StringSplitOptions.TrimEntries);
            var mediaType = parts[0].ToLowerInvariant();
            var wantsTable = parts.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal) is "as=Table");
            switch (mediaType)
            {
                case "application/json" when wantsTable:
                    return ResponseFormat.Table;
                case "application/json" or "*/*" or "application/*":
                    return ResponseFormat.Json;
                case "application/yaml":
                    return ResponseFormat.Yaml;
            }
            // Protobuf and other encodings are not offered: fall through to the next entry.
        }
        return ResponseFormat.Json;
    }
}
