namespace ActorOrchestrator.Api.Protobuf;

/// <summary>What one protobuf value holds, named after the Go type the JSON comes from.</summary>
internal enum ValueKind
{
    String,
    Bool,
    Int32,
    Int64,
    Float64,
    /// <summary>Go <c>[]byte</c>: JSON carries it as a base64 string.</summary>
    Bytes,
    /// <summary>A message described by a <see cref="MessageSchema"/>.</summary>
    Message,
    /// <summary>A message whose JSON is not an object (time, quantity, int-or-string, ...): see <see cref="WellKnownTypes"/>.</summary>
    WellKnown,
}
