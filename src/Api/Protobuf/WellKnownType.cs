namespace ActorOrchestrator.Api.Protobuf;

/// <summary>Messages whose Go type writes its own JSON (a string, a number, null, embedded JSON).</summary>
internal enum WellKnownType
{
    /// <summary><c>metav1.Time</c>: whole seconds, RFC 3339 in UTC, <c>null</c> when zero.</summary>
    Time,
    /// <summary><c>metav1.MicroTime</c>: RFC 3339 with six fractional digits, <c>null</c> when zero.</summary>
    MicroTime,
    /// <summary><c>metav1.Duration</c>: int64 nanoseconds on the wire, Go's <c>1h2m3s</c> text in JSON.</summary>
    Duration,
    /// <summary><c>resource.Quantity</c>: its string.</summary>
    Quantity,
    /// <summary><c>intstr.IntOrString</c>: a JSON number or string.</summary>
    IntOrString,
    /// <summary><c>runtime.RawExtension</c>: the embedded object.</summary>
    RawExtension,
    /// <summary><c>metav1.FieldsV1</c>: the managed-fields JSON, embedded as is.</summary>
    FieldsV1,
}
