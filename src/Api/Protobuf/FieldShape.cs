namespace ActorOrchestrator.Api.Protobuf;

/// <summary>
/// How the Go field holds its value. Go's JSON output depends on it: a plain value is always
/// written unless <c>omitempty</c> and zero, a pointer only when set, a slice or map as
/// <c>null</c> when unset and not <c>omitempty</c>.
/// </summary>
internal enum FieldShape
{
    /// <summary>A plain Go value (<c>string</c>, <c>int32</c>, a struct).</summary>
    Value,
    /// <summary>A Go pointer (<c>*int32</c>, <c>*Probe</c>): present on the wire only when set.</summary>
    Pointer,
    /// <summary>A Go slice: a repeated protobuf field.</summary>
    Repeated,
    /// <summary>A Go <c>map[string]T</c>: repeated entries with key = 1 and value = 2.</summary>
    Map,
}
