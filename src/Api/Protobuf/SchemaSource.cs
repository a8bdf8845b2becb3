namespace ActorOrchestrator.Api.Protobuf;

/// <summary>
/// One file of the schema table: messages of one Go package in <see cref="SchemaText"/> notation,
/// and which of them are top-level kinds a request body may carry under <see cref="ApiVersion"/>.
/// </summary>
internal sealed record SchemaSource(string Package, string ApiVersion, string[] Kinds, string Messages);
