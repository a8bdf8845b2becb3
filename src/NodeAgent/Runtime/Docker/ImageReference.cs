namespace ActorOrchestrator.NodeAgent.Runtime;

/// <summary>Splits an image reference into what a pull needs.</summary>
public static class ImageReference
{
    /// <summary>
    /// <c>kubia</c> → (<c>kubia</c>, <c>latest</c>); <c>host:5000/a/b:1.0</c> → (<c>host:5000/a/b</c>, <c>1.0</c>);
    /// a digest reference stays whole with no tag. An empty tag would make Docker pull every tag.
    /// </summary>
    public static (string Name, string Tag) Split(string image)
    {
        if (image.Contains('@'))
        {
            var at = image.IndexOf('@');
            return (image[..at], image[(at + 1)..]);
        }
        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
    }
}
