using System.Net;
using System.Net.Sockets;
using Docker.DotNet;

namespace ActorOrchestrator.NodeAgent.Runtime;

/// <summary>Docker.DotNet's exceptions as <see cref="ContainerRuntimeException"/> reasons.</summary>
internal static class DockerErrors
{
    public static ContainerRuntimeException Map(Exception error, string operation, string target)
    {
        var (reason, detail) = error switch
        {
            DockerContainerNotFoundException => (ContainerRuntimeErrorReason.ContainerNotFound, "no such container"),
            DockerImageNotFoundException => (ContainerRuntimeErrorReason.ImageNotFound, "no such image"),
            DockerApiException api => FromApi(api),
            HttpRequestException or SocketException or IOException =>
                (ContainerRuntimeErrorReason.EngineUnavailable, $"engine unreachable: {error.Message}"),
            _ => (ContainerRuntimeErrorReason.EngineError, error.Message),
        };
        return new ContainerRuntimeException(reason, $"{operation} {target}: {detail}", error);
    }

    private static (ContainerRuntimeErrorReason, string) FromApi(DockerApiException api)
    {
        var body = api.ResponseBody ?? "";
        var reason = api.StatusCode switch
        {
            HttpStatusCode.NotFound when body.Contains("image", StringComparison.OrdinalIgnoreCase) => ContainerRuntimeErrorReason.ImageNotFound,
            HttpStatusCode.NotFound => ContainerRuntimeErrorReason.ContainerNotFound,
            HttpStatusCode.Conflict when body.Contains("already in use", StringComparison.OrdinalIgnoreCase) => ContainerRuntimeErrorReason.NameConflict,
            HttpStatusCode.Conflict => ContainerRuntimeErrorReason.InvalidState,
            _ => ContainerRuntimeErrorReason.EngineError,
        };
        return (reason, $"{(int)api.StatusCode} {body.Trim()}");
    }
}
