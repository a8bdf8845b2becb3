using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ActorOrchestrator.UnitTests.Api.Protobuf.Kubectl;

/// <summary>A throwaway certificate and key in PEM, because kubectl create secret tls checks the pair.</summary>
internal static class SelfSignedCertificate
{
    public static (byte[] Certificate, byte[] Key) Pem(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return (Encoding.ASCII.GetBytes(certificate.ExportCertificatePem()), Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()));
    }
}
