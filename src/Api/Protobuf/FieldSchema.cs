namespace ActorOrchestrator.Api.Protobuf;

/// <summary>
/// One field of a message: its protobuf number, its JSON name, and what Go's JSON encoder does
/// with it (<see cref="Shape"/>, <see cref="OmitEmpty"/>, <see cref="Inline"/>).
/// </summary>
internal sealed record FieldSchema(int Number, string JsonName, FieldShape Shape, TypeRef Type, bool OmitEmpty, bool Inline)
{
    /// <summary>The wire type a single value of this field arrives with.</summary>
    public WireType ExpectedWireType => Type.Kind switch
    {
        ValueKind.Bool or ValueKind.Int32 or ValueKind.Int64 => WireType.Varint,
        ValueKind.Float64 => WireType.Fixed64,
        _ => WireType.LengthDelimited,
    };
}
