namespace ActorOrchestrator.Api.Protobuf;

/// <summary>The low three bits of a protobuf tag: how the value that follows is laid out.</summary>
internal enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
}
