using System.Net;
using System.Net.Sockets;

namespace ActorOrchestrator.IntegrationTests.Infrastructure;

public static class FreePort
{
    /// <summary>A loopback port the OS just handed out, so parallel test classes do not collide.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
