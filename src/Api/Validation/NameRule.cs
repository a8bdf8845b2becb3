namespace ActorOrchestrator.Api.Validation;

/// <summary>Which DNS-derived format an object's name must follow.</summary>
public enum NameRule
{
    /// <summary>RFC 1123 subdomain, at most 253 characters: most kinds (pods, nodes, deployments, ...).</summary>
    Dns1123Subdomain,

    /// <summary>RFC 1123 label, at most 63 characters, no dots: namespaces.</summary>
    Dns1123Label,

    /// <summary>RFC 1035 label, at most 63 characters, starting with a letter: services (their names become DNS names).</summary>
    Dns1035Label,
}
