using System.Text.Json.Nodes;

namespace ActorOrchestrator.Api.Protobuf;

/// <summary>What the wire said about one field while its message is being read.</summary>
internal struct FieldState
{
    public bool Seen;

    /// <summary>A scalar's last value: protobuf lets a later occurrence win.</summary>
    public JsonNode? Value;

    public JsonArray? Items;

    public JsonObject? Entries;

    /// <summary>
    /// Where each occurrence of a single message field lies (start within the message, length).
    /// Protobuf merges repeated occurrences, so they are decoded together once the message ends.
    /// </summary>
    public List<(int Start, int Length)>? Parts;
}
