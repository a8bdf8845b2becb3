namespace ActorOrchestrator.UnitTests.Api.Protobuf.Kubectl;

/// <summary>
/// A CronJob that touches most of PodSpec. <c>kubectl create job --from=cronjob/nightly</c> reads
/// it (as JSON) and sends its job template back as protobuf, so real kubectl encodes all of this.
/// </summary>
internal static class RichCronJob
{
    public const string Json = """
        {
          "apiVersion": "batch/v1", "kind": "CronJob",
          "metadata": {"name": "nightly", "namespace": "default", "uid": "5f0c7a64-9a8e-4d4e-8c1e-0d4c2b7f1a11",
            "resourceVersion": "42", "creationTimestamp": "2024-05-01T10:00:00Z", "labels": {"team": "data"}},
          "spec": {
            "schedule": "0 3 * * *", "timeZone": "Etc/UTC", "concurrencyPolicy": "Forbid", "suspend": false,
            "startingDeadlineSeconds": 120, "successfulJobsHistoryLimit": 2, "failedJobsHistoryLimit": 1,
            "jobTemplate": {
              "metadata": {"labels": {"app": "report"}, "annotations": {"owner": "data-team"}},
              "spec": {
                "parallelism": 2, "completions": 4, "backoffLimitPerIndex": 1, "maxFailedIndexes": 2,
                "activeDeadlineSeconds": 3600, "ttlSecondsAfterFinished": 600, "completionMode": "Indexed",
                "suspend": false, "podReplacementPolicy": "Failed", "manualSelector": false,
                "podFailurePolicy": {"rules": [
                  {"action": "FailJob", "onExitCodes": {"containerName": "main", "operator": "In", "values": [42, 43]}},
                  {"action": "Ignore", "onPodConditions": [{"type": "DisruptionTarget", "status": "True"}]}]},
                "successPolicy": {"rules": [{"succeededIndexes": "0-1", "succeededCount": 1}]},
                "template": {
                  "metadata": {"labels": {"app": "report"}, "annotations": {"kubectl.kubernetes.io/default-container": "main"}},
                  "spec": {
                    "restartPolicy": "Never", "serviceAccountName": "reporter", "automountServiceAccountToken": false,
                    "terminationGracePeriodSeconds": 30, "activeDeadlineSeconds": 1800, "dnsPolicy": "None",
                    "dnsConfig": {"nameservers": ["10.0.0.10"], "searches": ["svc.cluster.local"], "options": [{"name": "ndots", "value": "2"}, {"name": "edns0"}]},
                    "nodeSelector": {"disk": "ssd"}, "hostAliases": [{"ip": "10.1.2.3", "hostnames": ["db.local"]}],
                    "priorityClassName": "high", "priority": 1000, "shareProcessNamespace": true, "enableServiceLinks": false,
                    "preemptionPolicy": "Never", "runtimeClassName": "gvisor", "overhead": {"cpu": "100m"},
                    "hostname": "reporter", "subdomain": "reports", "setHostnameAsFQDN": false, "hostIPC": false,
                    "os": {"name": "linux"}, "schedulingGates": [{"name": "wait-for-quota"}],
                    "imagePullSecrets": [{"name": "registry"}], "readinessGates": [{"conditionType": "example.com/ready"}],
                    "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule",
                      "labelSelector": {"matchLabels": {"app": "report"}}, "minDomains": 2, "nodeAffinityPolicy": "Honor",
                      "nodeTaintsPolicy": "Ignore", "matchLabelKeys": ["pod-template-hash"]}],
                    "securityContext": {"runAsUser": 1000, "runAsGroup": 3000, "fsGroup": 2000, "runAsNonRoot": true,
                      "supplementalGroups": [4000, 5000], "fsGroupChangePolicy": "OnRootMismatch",
                      "sysctls": [{"name": "net.core.somaxconn", "value": "1024"}], "seccompProfile": {"type": "RuntimeDefault"},
                      "seLinuxOptions": {"level": "s0:c123,c456"}, "appArmorProfile": {"type": "RuntimeDefault"}},
                    "affinity": {
                      "nodeAffinity": {
                        "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
                          {"matchExpressions": [{"key": "kubernetes.io/arch", "operator": "In", "values": ["amd64", "arm64"]}],
                           "matchFields": [{"key": "metadata.name", "operator": "NotIn", "values": ["node-9"]}]}]},
                        "preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 10,
                          "preference": {"matchExpressions": [{"key": "disk", "operator": "Exists"}]}}]},
                      "podAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [{"topologyKey": "zone",
                        "labelSelector": {"matchExpressions": [{"key": "app", "operator": "In", "values": ["db"]}]}, "namespaces": ["data"]}]},
                      "podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [{"weight": 50, "podAffinityTerm": {
                        "topologyKey": "kubernetes.io/hostname", "labelSelector": {"matchLabels": {"app": "report"}},
                        "namespaceSelector": {}, "matchLabelKeys": ["pod-template-hash"]}}]}},
                    "tolerations": [{"key": "dedicated", "operator": "Equal", "value": "batch", "effect": "NoSchedule"},
                      {"operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}],
                    "initContainers": [{"name": "proxy", "image": "envoy:v1", "restartPolicy": "Always",
                      "ports": [{"name": "admin", "containerPort": 9901}], "resources": {}}],
                    "containers": [{
                      "name": "main", "image": "reporter:2.1", "imagePullPolicy": "IfNotPresent",
                      "command": ["/bin/report"], "args": ["--day", "$(DAY)"], "workingDir": "/work",
                      "ports": [{"name": "http", "containerPort": 8080, "protocol": "TCP"}, {"containerPort": 9090, "hostPort": 9090, "hostIP": "127.0.0.1", "protocol": "UDP"}],
                      "env": [{"name": "DAY", "value": "today"}, {"name": "EMPTY", "value": ""},
                        {"name": "NODE", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "spec.nodeName"}}},
                        {"name": "MEM", "valueFrom": {"resourceFieldRef": {"containerName": "main", "resource": "limits.memory", "divisor": "1Mi"}}},
                        {"name": "LEVEL", "valueFrom": {"configMapKeyRef": {"name": "settings", "key": "level", "optional": true}}},
                        {"name": "TOKEN", "valueFrom": {"secretKeyRef": {"name": "creds", "key": "token"}}}],
                      "envFrom": [{"prefix": "CFG_", "configMapRef": {"name": "settings"}}, {"secretRef": {"name": "creds", "optional": false}}],
                      "resources": {"limits": {"cpu": "500m", "memory": "128Mi", "nvidia.com/gpu": "1"}, "requests": {"cpu": "250m", "memory": "64Mi"}},
                      "resizePolicy": [{"resourceName": "cpu", "restartPolicy": "NotRequired"}],
                      "volumeMounts": [{"name": "scratch", "mountPath": "/scratch"}, {"name": "config", "mountPath": "/etc/report", "readOnly": true, "subPath": "report.yaml"},
                        {"name": "host", "mountPath": "/host", "mountPropagation": "HostToContainer", "readOnly": true, "recursiveReadOnly": "IfPossible"}],
                      "livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080, "scheme": "HTTP", "httpHeaders": [{"name": "X-Probe", "value": "1"}]},
                        "initialDelaySeconds": 5, "periodSeconds": 10, "timeoutSeconds": 2, "successThreshold": 1, "failureThreshold": 3, "terminationGracePeriodSeconds": 15},
                      "readinessProbe": {"tcpSocket": {"port": "http"}, "periodSeconds": 5},
                      "startupProbe": {"exec": {"command": ["cat", "/tmp/ready"]}, "failureThreshold": 30},
                      "lifecycle": {"postStart": {"exec": {"command": ["sh", "-c", "echo started"]}}, "preStop": {"sleep": {"seconds": 5}}, "stopSignal": "SIGTERM"},
                      "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "FallbackToLogsOnError",
                      "securityContext": {"capabilities": {"add": ["NET_BIND_SERVICE"], "drop": ["ALL"]}, "privileged": false,
                        "readOnlyRootFilesystem": true, "allowPrivilegeEscalation": false, "runAsUser": 0, "procMount": "Default",
                        "seccompProfile": {"type": "Localhost", "localhostProfile": "profiles/report.json"},
                        "windowsOptions": {"runAsUserName": "ContainerUser"}},
                      "stdin": false, "tty": false
                    }, {
                      "name": "grpc", "image": "grpc:1",
                      "livenessProbe": {"grpc": {"port": 9000, "service": "health"}},
                      "lifecycle": {"preStop": {"httpGet": {"port": "admin", "host": "localhost"}}, "postStart": {"tcpSocket": {"port": 1}}}
                    }],
                    "volumes": [
                      {"name": "scratch", "emptyDir": {"medium": "Memory", "sizeLimit": "64Mi"}},
                      {"name": "empty", "emptyDir": {}},
                      {"name": "host", "hostPath": {"path": "/var/log", "type": "Directory"}},
                      {"name": "config", "configMap": {"name": "settings", "items": [{"key": "report.yaml", "path": "report.yaml", "mode": 292}], "defaultMode": 420, "optional": true}},
                      {"name": "creds", "secret": {"secretName": "creds", "defaultMode": 256}},
                      {"name": "data", "persistentVolumeClaim": {"claimName": "reports", "readOnly": true}},
                      {"name": "projected", "projected": {"defaultMode": 420, "sources": [
                        {"serviceAccountToken": {"audience": "vault", "expirationSeconds": 3600, "path": "token"}},
                        {"configMap": {"name": "settings", "items": [{"key": "a", "path": "a"}]}},
                        {"secret": {"name": "creds", "optional": true}},
                        {"downwardAPI": {"items": [{"path": "labels", "fieldRef": {"fieldPath": "metadata.labels"}}]}},
                        {"clusterTrustBundle": {"signerName": "example.com/signer", "path": "ca.pem", "labelSelector": {"matchLabels": {"a": "b"}}}}]}},
                      {"name": "podinfo", "downwardAPI": {"items": [{"path": "cpu", "resourceFieldRef": {"containerName": "main", "resource": "requests.cpu", "divisor": "1m"}}]}},
                      {"name": "csi", "csi": {"driver": "secrets.example.com", "readOnly": true, "volumeAttributes": {"vault": "prod"}, "nodePublishSecretRef": {"name": "csi-creds"}}},
                      {"name": "ephemeral", "ephemeral": {"volumeClaimTemplate": {"metadata": {"labels": {"type": "scratch"}}, "spec": {
                        "accessModes": ["ReadWriteOnce"], "storageClassName": "fast", "volumeMode": "Filesystem",
                        "resources": {"requests": {"storage": "1Gi"}}}}}},
                      {"name": "nfs", "nfs": {"server": "nfs.local", "path": "/exports", "readOnly": true}},
                      {"name": "image", "image": {"reference": "example.com/data:1", "pullPolicy": "IfNotPresent"}}
                    ]
                  }
                }
              }
            }
          }
        }
        """;
}
