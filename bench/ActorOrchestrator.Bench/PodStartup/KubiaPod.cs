using k8s.Models;

namespace ActorOrchestrator.Bench.PodStartup;

/// <summary>
/// The pod both sides start: kubia serving HTTP on :8080, with a readiness probe on it. Ready then means
/// "answers HTTP", the same criterion the floor waits for. The image is used as it is on the node
/// (IfNotPresent): the floor does not pull either, and no registry is reachable here.
/// </summary>
public static class KubiaPod
{
    public const string Image = "taodaling/kubia";
    public const string PauseImage = "actororchestrator/pause";
    public const int Port = 8080;
    public const int ProbePeriodSeconds = 1;

    public static V1Pod Build(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = "kubia-bench" } },
        Spec = new V1PodSpec
        {
            TerminationGracePeriodSeconds = 1,
            Containers =
            [
                new V1Container
                {
                    Name = "kubia",
                    Image = Image,
                    ImagePullPolicy = "IfNotPresent",
                    Ports = [new V1ContainerPort { ContainerPort = Port }],
                    ReadinessProbe = new V1Probe
                    {
                        HttpGet = new V1HTTPGetAction { Path = "/", Port = Port },
                        PeriodSeconds = ProbePeriodSeconds,
                    },
                },
            ],
        },
    };
}
