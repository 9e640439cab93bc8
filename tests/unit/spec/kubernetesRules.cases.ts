// The rows of the Kubernetes, KEDA and Go rules: each rule with a compliant value ([] issues) and a
// refused one (exact path and message). Run by tests/unit/spec/kubernetesRules.test.ts, and the rows
// the API server enforces (server: true) are replayed on it by tests/e2e/kubernetesRules.test.ts.
import type { SpecIssue } from "../../../provider/src/spec";
import { productionSpec, RUNTIME_IMAGE } from "../fixtures";

export const agentDoc = () => ({ metadata: { name: "production-agent", namespace: "agents" }, spec: productionSpec() as any, images: { runtime: RUNTIME_IMAGE } });
const TRIGGER = "spec.runtime.autoscaling.keda.triggers[1]";

export interface RuleCase {
    rule: string;
    mutate: (doc: any) => void;
    /** [] for a compliant value. */
    issues: SpecIssue[];
    /** The API server itself enforces the rule (the e2e suite replays the row there); else the kubelet or KEDA does. */
    server?: true;
}

const QUALIFIED = "must have a name part of at most 63 characters: letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
const PREFIX = "must have a prefix that is a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', at most 253 characters)";
const LABEL_VALUE = "must be empty or at most 63 characters: letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
const IMAGE = "must be an image reference such as registry.example.com/team/agent:1.2.0 (lowercase repository path, no spaces)";
const withTrigger =
    (metadata: Record<string, string>, type = "cron") =>
    (d: any) => {
        d.spec.runtime.autoscaling.keda.triggers.push({ type, metadata });
    };
const CRON = { timezone: "Europe/Paris", start: "0 8 * * 1-5", end: "0 18 * * 1-5", desiredReplicas: "5" };

/** Rows that change the Deployment, Service or ScaledObject an agent renders (the e2e suite replays them on the API server). */
export const AGENT_RULES: RuleCase[] = [
    // apimachinery IsQualifiedName / IsValidLabelValue (metadata.labels, reaching every object)
    { rule: "label key with a prefix", mutate: (d) => (d.metadata.labels = { "example.com/team": "support", tier: "" }), issues: [], server: true },
    {
        rule: "label key starting with '-'",
        mutate: (d) => (d.metadata.labels = { "-team": "a" }),
        issues: [{ path: "metadata.labels.-team", message: `key ${QUALIFIED} (got "-team")` }],
        server: true,
    },
    {
        rule: "label key with an upper-case prefix",
        mutate: (d) => (d.metadata.labels = { "Example.com/team": "a" }),
        issues: [{ path: "metadata.labels.Example.com/team", message: `key ${PREFIX} (got "Example.com/team")` }],
        server: true,
    },
    {
        rule: "label key with two '/'",
        mutate: (d) => (d.metadata.labels = { "a/b/c": "a" }),
        issues: [{ path: "metadata.labels.a/b/c", message: `key must be a name with at most one '/' (an optional DNS subdomain prefix, then a name) (got "a/b/c")` }],
        server: true,
    },
    {
        rule: "label key of 64 characters",
        mutate: (d) => (d.metadata.labels = { ["k".repeat(64)]: "a" }),
        issues: [{ path: `metadata.labels.${"k".repeat(64)}`, message: `key ${QUALIFIED} (got "${"k".repeat(64)}")` }],
        server: true,
    },
    {
        rule: "label value with a space",
        mutate: (d) => (d.metadata.labels = { team: "customer support" }),
        issues: [{ path: "metadata.labels.team", message: `${LABEL_VALUE} (got "customer support")` }],
        server: true,
    },
    {
        rule: "label value of 64 characters",
        mutate: (d) => (d.metadata.labels = { team: "v".repeat(64) }),
        issues: [{ path: "metadata.labels.team", message: `${LABEL_VALUE} (got "${"v".repeat(64)}")` }],
        server: true,
    },
    // core validation ValidateAnnotations
    { rule: "annotation with a prefixed key", mutate: (d) => (d.metadata.annotations = { "example.com/owner": "team a, b & c" }), issues: [], server: true },
    {
        rule: "annotation key with a space",
        mutate: (d) => (d.metadata.annotations = { "owner name": "x" }),
        issues: [{ path: "metadata.annotations.owner name", message: `key ${QUALIFIED} (got "owner name")` }],
        server: true,
    },
    {
        rule: "annotations over 256 KiB",
        mutate: (d) => (d.metadata.annotations = { a: "x".repeat(256 * 1024) }),
        issues: [{ path: "metadata.annotations", message: "must be at most 262144 bytes in all, keys and values (got 262145)" }],
        server: true,
    },
    // DNS-1035: the agent's name names its Service
    // Stricter than Kubernetes 1.35+ on purpose: with RelaxedServiceNameValidation (beta, on) its API server
    // accepts "7agent"; earlier releases, still in support, refuse it. Not replayed on our 1.36 API server.
    {
        rule: "agent name starting with a digit",
        mutate: (d) => (d.metadata.name = "7agent"),
        issues: [
            {
                path: "metadata.name",
                message: `must be a DNS-1035 label (lowercase letters, digits and '-', starting with a letter, at most 63 characters): it names the agent's Service (got "7agent")`,
            },
        ],
    },
    // ValidateLabels on nodeSelector
    { rule: "nodeSelector with a prefixed key", mutate: (d) => (d.spec.runtime.nodeSelector = { "node.kubernetes.io/instance-type": "m5.large" }), issues: [], server: true },
    {
        rule: "nodeSelector value with '/'",
        mutate: (d) => (d.spec.runtime.nodeSelector = { pool: "a/b" }),
        issues: [{ path: "spec.runtime.nodeSelector.pool", message: `${LABEL_VALUE} (got "a/b")` }],
        server: true,
    },
    // ValidateTolerations
    { rule: "toleration Exists without key or value", mutate: (d) => (d.spec.runtime.tolerations = [{ operator: "Exists" }]), issues: [], server: true },
    {
        rule: "toleration with tolerationSeconds and NoExecute",
        mutate: (d) => (d.spec.runtime.tolerations = [{ key: "gpu", operator: "Equal", value: "true", effect: "NoExecute", tolerationSeconds: 30 }]),
        issues: [],
        server: true,
    },
    {
        rule: "toleration with tolerationSeconds without NoExecute",
        mutate: (d) => (d.spec.runtime.tolerations = [{ key: "gpu", operator: "Exists", effect: "NoSchedule", tolerationSeconds: 30 }]),
        issues: [{ path: "spec.runtime.tolerations[0].effect", message: 'must be "NoExecute" when tolerationSeconds is set (got "NoSchedule")' }],
        server: true,
    },
    {
        rule: "toleration Exists with a value",
        mutate: (d) => (d.spec.runtime.tolerations = [{ key: "gpu", operator: "Exists", value: "true" }]),
        issues: [{ path: "spec.runtime.tolerations[0].value", message: 'must be empty when operator is "Exists" (got "true")' }],
        server: true,
    },
    {
        rule: "toleration with an empty key and Equal",
        mutate: (d) => (d.spec.runtime.tolerations = [{ operator: "Equal", value: "x" }]),
        issues: [{ path: "spec.runtime.tolerations[0].operator", message: 'must be "Exists" when key is empty (an empty key matches every taint) (got "Equal")' }],
        server: true,
    },
    {
        rule: "toleration key that is not a qualified name",
        mutate: (d) => (d.spec.runtime.tolerations = [{ key: "bad key", operator: "Exists" }]),
        issues: [{ path: "spec.runtime.tolerations[0].key", message: `${QUALIFIED} (got "bad key")` }],
        server: true,
    },
    {
        rule: "toleration value that is not a label value",
        mutate: (d) => (d.spec.runtime.tolerations = [{ key: "gpu", operator: "Equal", value: "a b" }]),
        issues: [{ path: "spec.runtime.tolerations[0].value", message: `${LABEL_VALUE} (got "a b")` }],
        server: true,
    },
    // validateContainerResourceName / ValidateResourceRequirements
    {
        rule: "resources with an extended resource equal in requests and limits",
        mutate: (d) => (d.spec.runtime.resources = { requests: { cpu: "500m", "nvidia.com/gpu": 1 }, limits: { cpu: "1", "nvidia.com/gpu": "1" } }),
        issues: [],
        server: true,
    },
    {
        rule: "resource name that is neither standard nor domain-prefixed",
        mutate: (d) => (d.spec.runtime.resources = { requests: { gpu: "1" } }),
        issues: [
            {
                path: "spec.runtime.resources.requests.gpu",
                message: 'is not a container resource: cpu, memory, ephemeral-storage, hugepages-<size>, or a domain-prefixed name such as "nvidia.com/gpu" (got "gpu")',
            },
        ],
        server: true,
    },
    {
        rule: "resource name in kubernetes.io (native, may be overcommitted)",
        mutate: (d) => (d.spec.runtime.resources = { requests: { cpu: "1", "example.kubernetes.io/widget": "1" } }),
        issues: [],
        server: true,
    },
    {
        rule: "resource name starting with requests.",
        mutate: (d) => (d.spec.runtime.resources = { limits: { "requests.nvidia.com/gpu": "1" } }),
        issues: [
            {
                path: "spec.runtime.resources.limits.requests.nvidia.com/gpu",
                message: 'is not an extended resource name (a domain-prefixed name such as "nvidia.com/gpu", not starting with "requests.") (got "requests.nvidia.com/gpu")',
            },
        ],
        server: true,
    },
    {
        rule: "hugepages request different from its limit",
        mutate: (d) => (d.spec.runtime.resources = { requests: { memory: "1Gi", "hugepages-2Mi": "100Mi" }, limits: { memory: "1Gi", "hugepages-2Mi": "200Mi" } }),
        issues: [
            {
                path: "spec.runtime.resources.requests.hugepages-2Mi",
                message: "must equal the limit of hugepages-2Mi, which cannot be overcommitted (got request 100Mi, limit 200Mi)",
            },
        ],
        server: true,
    },
    {
        rule: "request above its limit",
        mutate: (d) => (d.spec.runtime.resources = { requests: { memory: "1Gi" }, limits: { memory: "512Mi" } }),
        issues: [{ path: "spec.runtime.resources.requests.memory", message: "must be less than or equal to the limit 512Mi (got 1Gi)" }],
        server: true,
    },
    {
        rule: "request equal to its limit in other units",
        mutate: (d) => (d.spec.runtime.resources = { requests: { cpu: "1000m", memory: "1024Mi" }, limits: { cpu: 1, memory: "1Gi" } }),
        issues: [],
        server: true,
    },
    {
        rule: "extended resource request without a limit",
        mutate: (d) => (d.spec.runtime.resources = { requests: { cpu: "1", "nvidia.com/gpu": "1" } }),
        issues: [
            {
                path: "spec.runtime.resources.requests.nvidia.com/gpu",
                message: "must equal the limit of nvidia.com/gpu, which cannot be overcommitted (got request 1, limit none)",
            },
        ],
        server: true,
    },
    {
        rule: "hugepages without cpu or memory",
        mutate: (d) => (d.spec.runtime.resources = { requests: { "hugepages-2Mi": "100Mi" }, limits: { "hugepages-2Mi": "100Mi" } }),
        issues: [{ path: "spec.runtime.resources.requests", message: "must include cpu or memory when hugepages are requested" }],
        server: true,
    },
    // int32 fields
    {
        rule: "replicas at the int32 maximum",
        mutate: (d) => {
            d.spec.runtime.autoscaling = { enabled: false };
            d.spec.runtime.replicas = 2147483647;
        },
        issues: [],
        server: true,
    },
    {
        rule: "replicas above int32",
        mutate: (d) => {
            d.spec.runtime.autoscaling = { enabled: false };
            d.spec.runtime.replicas = 2147483648;
        },
        issues: [{ path: "spec.runtime.replicas", message: "must be at most 2147483647 (an int32) (got 2147483648)" }],
        server: true,
    },
    {
        rule: "maxReplicas above int32",
        mutate: (d) => (d.spec.runtime.autoscaling.maxReplicas = 3e9),
        issues: [{ path: "spec.runtime.autoscaling.maxReplicas", message: "must be at most 2147483647 (an int32) (got 3000000000)" }],
        server: true,
    },
    // distribution/reference (the kubelet's InvalidImageName)
    { rule: "image on a registry with a port, pinned by digest", mutate: (d) => (d.spec.facade.image = `localhost:5000/omnia/agent@sha256:${"a".repeat(64)}`), issues: [] },
    {
        rule: "image with a space",
        mutate: (d) => (d.spec.facade.image = "ghcr.io/altairalabs/omnia agent:1.0"),
        issues: [{ path: "spec.facade.image", message: `${IMAGE} (got "ghcr.io/altairalabs/omnia agent:1.0")` }],
    },
    {
        rule: "image with an upper-case repository",
        mutate: (d) => (d.spec.facade.image = "ghcr.io/AltairaLabs/omnia-agent:1.0"),
        issues: [{ path: "spec.facade.image", message: `${IMAGE} (got "ghcr.io/AltairaLabs/omnia-agent:1.0")` }],
    },
    {
        rule: "image with a tag of 129 characters",
        mutate: (d) => (d.spec.facade.image = `ghcr.io/x/agent:${"t".repeat(129)}`),
        issues: [{ path: "spec.facade.image", message: `${IMAGE} (got "ghcr.io/x/agent:${"t".repeat(40)}...)` }],
    },
    // KEDA: prometheus serverAddress, cron (robfig/cron v3, 5 fields), time zones (Go's LoadLocation)
    {
        rule: "prometheus serverAddress with a newline",
        mutate: withTrigger({ serverAddress: "http://prometheus:9090\nX-Injected: 1", query: "up", threshold: "1" }, "prometheus"),
        issues: [
            {
                path: `${TRIGGER}.metadata.serverAddress`,
                message: 'must be an http(s) URL without spaces, control characters, query or fragment (got "http://prometheus:9090\\nX-Injected: 1")',
            },
        ],
    },
    {
        rule: "prometheus serverAddress with credentials",
        mutate: withTrigger({ serverAddress: "https://admin:hunter2@prometheus:9090", query: "up", threshold: "1" }, "prometheus"),
        issues: [
            {
                path: `${TRIGGER}.metadata.serverAddress`,
                message:
                    "must not carry credentials (user:password@): the ScaledObject is stored in plain text; KEDA reads credentials from a TriggerAuthentication (authenticationRef), not from trigger metadata (value not shown)",
            },
        ],
    },
    {
        rule: "credentials in any trigger's metadata URL",
        mutate: withTrigger({ host: "amqp://guest:guest@rabbitmq:5672/", queueName: "q" }, "rabbitmq"),
        issues: [
            {
                path: `${TRIGGER}.metadata.host`,
                message:
                    "must not carry credentials (user:password@): the ScaledObject is stored in plain text; KEDA reads credentials from a TriggerAuthentication (authenticationRef), not from trigger metadata (value not shown)",
            },
        ],
    },
    { rule: "cron with weekday names and steps", mutate: withTrigger({ ...CRON, start: "*/15 8-17 * JAN-DEC MON-FRI", end: "5/10 18 ? * sun" }), issues: [] },
    {
        rule: "cron weekday 7",
        mutate: withTrigger({ ...CRON, start: "0 8 * * 7" }),
        issues: [{ path: `${TRIGGER}.metadata.start`, message: 'must be a 5-field cron expression such as "0 8 * * 1-5": day of week "7" is outside 0-6 (got "0 8 * * 7")' }],
    },
    {
        rule: "cron descriptor @daily",
        mutate: withTrigger({ ...CRON, start: "@daily" }),
        issues: [
            {
                path: `${TRIGGER}.metadata.start`,
                message: 'must be a 5-field cron expression such as "0 8 * * 1-5": must have 5 fields (minute hour day-of-month month day-of-week), got 1 (got "@daily")',
            },
        ],
    },
    {
        rule: "cron L (last day of month)",
        mutate: withTrigger({ ...CRON, end: "0 18 L * *" }),
        issues: [
            { path: `${TRIGGER}.metadata.end`, message: 'must be a 5-field cron expression such as "0 18 * * 1-5": day of month "L" is not a value or a range (got "0 18 L * *")' },
        ],
    },
    {
        rule: "cron range backwards",
        mutate: withTrigger({ ...CRON, start: "0 17-8 * * *" }),
        issues: [
            { path: `${TRIGGER}.metadata.start`, message: 'must be a 5-field cron expression such as "0 8 * * 1-5": hour "17-8" has its start after its end (got "0 17-8 * * *")' },
        ],
    },
    {
        rule: "cron start equal to end",
        mutate: withTrigger({ ...CRON, end: CRON.start }),
        issues: [{ path: `${TRIGGER}.metadata.end`, message: 'must differ from start (KEDA refuses a window that starts and ends at once) (got "0 8 * * 1-5" for both)' }],
    },
    { rule: "time zone alias US/Eastern", mutate: withTrigger({ ...CRON, timezone: "US/Eastern" }), issues: [] },
    {
        rule: "time zone in the wrong case",
        mutate: withTrigger({ ...CRON, timezone: "europe/paris" }),
        issues: [{ path: `${TRIGGER}.metadata.timezone`, message: 'must be an IANA time zone as Go spells it, such as "America/New_York" (got "europe/paris")' }],
    },
    {
        rule: "desiredReplicas above int32",
        mutate: withTrigger({ ...CRON, desiredReplicas: "99999999999" }),
        issues: [{ path: `${TRIGGER}.metadata.desiredReplicas`, message: 'must be an integer written as a string, e.g. "5" (got "99999999999")' }],
    },
    // The networkPolicy and ephemeralStorage arguments (ValidateNetworkPolicySpec, ValidateResourceRequirements, emptyDir sizeLimit)
    {
        rule: "networkPolicy peers by namespace expression and pod labels",
        mutate: (d) =>
            (d.networkPolicy = {
                ingressFrom: [
                    {
                        namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["ingress-nginx"] }] },
                        podSelector: { matchLabels: { "app.kubernetes.io/name": "ingress-nginx" } },
                    },
                ],
            }),
        issues: [],
        server: true,
    },
    {
        rule: "networkPolicy egress to a CIDR with an exception and a port range",
        mutate: (d) =>
            (d.networkPolicy = {
                extraEgress: [{ to: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.9.0.0/16"] } }], ports: [{ protocol: "TCP", port: 6380, endPort: 6390 }, { port: "https" }] }],
            }),
        issues: [],
        server: true,
    },
    {
        rule: "networkPolicy peer with ipBlock and a selector",
        mutate: (d) => (d.networkPolicy = { ingressFrom: [{ ipBlock: { cidr: "10.0.0.0/8" }, namespaceSelector: {} }] }),
        issues: [
            { path: "networkPolicy.ingressFrom[0].ipBlock", message: "must be the only field of the peer (Kubernetes refuses ipBlock with podSelector or namespaceSelector)" },
        ],
        server: true,
    },
    {
        rule: "networkPolicy peer with no field",
        mutate: (d) => (d.networkPolicy = { extraEgress: [{ to: [{}] }] }),
        issues: [{ path: "networkPolicy.extraEgress[0].to[0]", message: "must set podSelector, namespaceSelector or ipBlock" }],
        server: true,
    },
    {
        rule: "networkPolicy CIDR with a prefix over 32",
        mutate: (d) => (d.networkPolicy = { extraEgress: [{ to: [{ ipBlock: { cidr: "10.0.0.0/33" } }] }] }),
        issues: [{ path: "networkPolicy.extraEgress[0].to[0].ipBlock.cidr", message: 'must be a CIDR such as "10.0.0.0/8" or "2001:db8::/32" (got "10.0.0.0/33")' }],
        server: true,
    },
    {
        rule: "networkPolicy except outside its CIDR",
        mutate: (d) => (d.networkPolicy = { extraEgress: [{ to: [{ ipBlock: { cidr: "10.0.0.0/16", except: ["192.168.0.0/24"] } }] }] }),
        issues: [{ path: "networkPolicy.extraEgress[0].to[0].ipBlock.except[0]", message: 'must be a strict subset of cidr 10.0.0.0/16 (got "192.168.0.0/24")' }],
        server: true,
    },
    {
        rule: "networkPolicy endPort below port",
        mutate: (d) => (d.networkPolicy = { extraEgress: [{ ports: [{ port: 90, endPort: 80 }] }] }),
        issues: [{ path: "networkPolicy.extraEgress[0].ports[0].endPort", message: "must be >= port 90 (got 80)" }],
        server: true,
    },
    {
        rule: "networkPolicy endPort with a named port",
        mutate: (d) => (d.networkPolicy = { extraEgress: [{ ports: [{ port: "https", endPort: 500 }] }] }),
        issues: [{ path: "networkPolicy.extraEgress[0].ports[0].endPort", message: "needs a numeric port (got 500)" }],
        server: true,
    },
    {
        rule: "networkPolicy port 0",
        mutate: (d) => (d.networkPolicy = { extraEgress: [{ ports: [{ port: 0 }] }] }),
        issues: [{ path: "networkPolicy.extraEgress[0].ports[0].port", message: "must be an integer between 1 and 65535 (got 0)" }],
        server: true,
    },
    {
        rule: "networkPolicy port name with '--'",
        mutate: (d) => (d.networkPolicy = { extraEgress: [{ ports: [{ port: "my--port" }] }] }),
        issues: [
            {
                path: "networkPolicy.extraEgress[0].ports[0].port",
                message: `must be a port number or an IANA service name (at most 15 lowercase letters, digits and single '-', with a letter) (got "my--port")`,
            },
        ],
        server: true,
    },
    {
        rule: "networkPolicy selector In without values",
        mutate: (d) => (d.networkPolicy = { ingressFrom: [{ podSelector: { matchExpressions: [{ key: "team", operator: "In" }] } }] }),
        issues: [{ path: "networkPolicy.ingressFrom[0].podSelector.matchExpressions[0].values", message: 'must not be empty for operator "In"' }],
        server: true,
    },
    {
        rule: "networkPolicy selector Exists with values",
        mutate: (d) => (d.networkPolicy = { ingressFrom: [{ podSelector: { matchExpressions: [{ key: "team", operator: "Exists", values: ["a"] }] } }] }),
        issues: [{ path: "networkPolicy.ingressFrom[0].podSelector.matchExpressions[0].values", message: 'must be empty for operator "Exists"' }],
        server: true,
    },
    {
        rule: "networkPolicy selector label value with a space",
        mutate: (d) => (d.networkPolicy = { ingressFrom: [{ namespaceSelector: { matchLabels: { team: "a b" } } }] }),
        issues: [{ path: "networkPolicy.ingressFrom[0].namespaceSelector.matchLabels.team", message: `${LABEL_VALUE} (got "a b")` }],
        server: true,
    },
    {
        rule: "ephemeralStorage figures of your own",
        mutate: (d) => (d.ephemeralStorage = { facadeRequest: "1Gi", facadeLimit: "2Gi", facadeTmpSizeLimit: "100M", runtimeTmpSizeLimit: 1073741824 }),
        issues: [],
        server: true,
    },
    {
        rule: "ephemeralStorage facade request over its limit",
        mutate: (d) => (d.ephemeralStorage = { facadeRequest: "1Gi", facadeLimit: "256Mi" }),
        issues: [{ path: "ephemeralStorage.facadeRequest", message: "must be less than or equal to facadeLimit 256Mi (got 1Gi)" }],
        server: true,
    },
    {
        rule: "ephemeralStorage /tmp limit that is not a quantity",
        mutate: (d) => (d.ephemeralStorage = { runtimeTmpSizeLimit: "1 GB" }),
        issues: [{ path: "ephemeralStorage.runtimeTmpSizeLimit", message: 'must be a non-negative Kubernetes quantity such as "500m", "1" or "256Mi" (got "1 GB")' }],
        server: true,
    },
];
