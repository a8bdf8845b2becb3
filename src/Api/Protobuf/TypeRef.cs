namespace ActorOrchestrator.Api.Protobuf;

/// <summary>The type of one value; message names are bound to their schema once the table is read.</summary>
internal sealed class TypeRef
{
    public TypeRef(ValueKind kind, string? messageName = null)
    {
        Kind = kind;
        MessageName = messageName;
    }

    public ValueKind Kind { get; private set; }

    /// <summary>Qualified name (<c>core.PodSpec</c>) for messages and well-known types.</summary>
    public string? MessageName { get; }

    public MessageSchema? Message { get; private set; }

    public WellKnownType? WellKnown { get; private set; }

    /// <summary>Whether the value is a length-delimited message (one with a schema, or a well-known type).</summary>
    public bool IsMessage => Kind is ValueKind.Message or ValueKind.WellKnown;

    /// <summary>Scalars that protobuf may pack into one length-delimited run.</summary>
    public bool IsPackable => Kind is ValueKind.Bool or ValueKind.Int32 or ValueKind.Int64 or ValueKind.Float64;

    public void Bind(MessageSchema message) => Message = message;

    public void Bind(WellKnownType wellKnown)
    {
        Kind = ValueKind.WellKnown;
        WellKnown = wellKnown;
    }

    public override string ToString() => MessageName ?? Kind.ToString().ToLowerInvariant();
}
