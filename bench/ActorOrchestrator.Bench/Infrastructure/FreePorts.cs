using System.Net;
using System.Net.Sockets;

namespace ActorOrchestrator.Bench.Infrastructure;

/// <summary>Loopback ports nobody listens on now, so the benchmark's cluster stays clear of any other.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
