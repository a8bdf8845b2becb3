namespace ActorOrchestrator.UnitTests.Api.Protobuf.Kubectl;

/// <summary>One request kubectl made to the capture server, body as sent.</summary>
internal sealed record CapturedRequest(string Method, string Path, string Query, string? ContentType, byte[] Body);
