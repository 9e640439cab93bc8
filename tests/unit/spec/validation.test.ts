// Spec validation: a compliant baseline per kind, then one change per case, asserting the exact
// issues reported (path + message), so every row proves its rule and that nothing else fires.
import { strict as assert } from "assert";
import { packContent, productionSpec, RUNTIME_IMAGE } from "../fixtures";
import { validateDocument, SpecValidationError, type SpecIssue, type Kind } from "../../../provider/src/spec";

type Doc = { metadata?: any; spec?: any; images?: any };

/** The issues validateDocument reports for `doc`, or [] when it is valid. */
function issuesOf(kind: Kind, defaultName: string, doc: Doc): SpecIssue[] {
    try {
        validateDocument(kind, defaultName, doc);
        return [];
    } catch (e) {
        if (!(e instanceof SpecValidationError)) throw e;
        return e.issues;
    }
}

interface BadCase {
    name: string;
    mutate: (doc: any) => void;
    issues: SpecIssue[];
}

/** Runs a table of one-change cases against a fresh (deep-cloned) baseline. */
function runTable(kind: Kind, defaultName: string, baseline: () => Doc, cases: BadCase[]) {
    for (const c of cases) {
        it(c.name, () => {
            const doc = structuredClone(baseline());
            c.mutate(doc);
            assert.deepEqual(issuesOf(kind, defaultName, doc), c.issues);
        });
    }
}

// Messages shared by many rows, spelled out once.
const DNS_NAME = "must be a DNS-1123 name (lowercase letters, digits, '-' and '.', at most 253 characters)";
const DNS_LABEL = "must be a DNS-1123 label (lowercase letters, digits and '-', at most 63 characters)";
const GO_DURATION = 'must be a positive Go duration such as "30m", "24h" or "1h30m"';
const QUANTITY = 'must be a non-negative Kubernetes quantity such as "500m", "1" or "256Mi"';
const RESERVED_PORT = "must not be one of the reserved ports 8081, 9000, 9001";
const NEEDS_PROVIDER =
    'is required (or an inline provider) for handler "runtime"; handlers "demo" and "echo" need none, nor does the annotation omnia.altairalabs.ai/mock-provider: "true"';

/** The source document's production example: compliant, every subtree present. */
function productionAgent(): Doc {
    return { metadata: { name: "production-agent", namespace: "agents" }, spec: productionSpec() as any, images: { runtime: RUNTIME_IMAGE } };
}

const CRON_TRIGGER = { type: "cron", metadata: { timezone: "Europe/Paris", start: "0 8 * * 1-5", end: "0 18 * * 1-5", desiredReplicas: "5" } };
const withCron = (metadata: Record<string, string | undefined>) => (d: any) =>
    d.spec.runtime.autoscaling.keda.triggers.push({ type: "cron", metadata: JSON.parse(JSON.stringify({ ...CRON_TRIGGER.metadata, ...metadata })) });
const TRIGGER0 = "spec.runtime.autoscaling.keda.triggers[0]";
const TRIGGER1 = "spec.runtime.autoscaling.keda.triggers[1]";
const inlineProvider = (defaults: object) => ({ type: "claude", secretRef: { name: "llm-credentials" }, defaults });

describe("AgentRuntime spec validation", () => {
    it("accepts the production example unchanged", () => {
        const doc = validateDocument("AgentRuntime", "production-agent", productionAgent());
        assert.deepEqual(doc.metadata, { name: "production-agent", namespace: "agents" });
        // Only the hpa-only defaults and the CRD's track default are added; everything given comes back as given.
        const expected = productionAgent().spec;
        expected.promptPackRef.track = "stable";
        Object.assign(expected.runtime.autoscaling, {
            targetMemoryUtilizationPercentage: 70,
            targetCPUUtilizationPercentage: 90,
            scaleDownStabilizationSeconds: 300,
        });
        assert.deepEqual(doc.spec, expected);
    });

    it("fills in every default of a minimal spec", () => {
        const doc = validateDocument("AgentRuntime", "my-agent", {
            spec: { promptPackRef: { name: "customer-service-prompts" }, providerRef: { name: "claude-production" }, framework: { image: RUNTIME_IMAGE } },
        });
        assert.deepEqual(doc, {
            metadata: { name: "my-agent", namespace: "default" },
            spec: {
                promptPackRef: { name: "customer-service-prompts", track: "stable" },
                framework: { type: "promptkit", image: RUNTIME_IMAGE },
                providerRef: { name: "claude-production" },
                facade: { type: "websocket", port: 8080, handler: "runtime" },
                session: { type: "memory", ttl: "24h" },
                runtime: {
                    replicas: 1,
                    autoscaling: {
                        enabled: false,
                        type: "hpa",
                        minReplicas: 1,
                        maxReplicas: 10,
                        targetMemoryUtilizationPercentage: 70,
                        targetCPUUtilizationPercentage: 90,
                        scaleDownStabilizationSeconds: 300,
                        keda: { pollingInterval: 30, cooldownPeriod: 300 },
                    },
                },
            },
            networkPolicy: { enabled: true, allowAllEgress: false },
            ephemeralStorage: { facadeRequest: "64Mi", facadeLimit: "256Mi", facadeTmpSizeLimit: "64Mi", runtimeTmpSizeLimit: "512Mi" },
        });
    });

    it("takes metadata.name from the document over the resource name", () => {
        const doc = validateDocument("AgentRuntime", "pulumi-name", { ...productionAgent(), metadata: { name: "k8s-name" } });
        assert.deepEqual(doc.metadata, { name: "k8s-name", namespace: "default" });
    });

    describe("valid variations of the baseline", () => {
        const valid: { name: string; mutate: (d: any) => void }[] = [
            {
                name: 'handler "demo" without any provider',
                mutate: (d) => {
                    d.spec.facade.handler = "demo";
                    delete d.spec.providerRef;
                },
            },
            {
                name: 'handler "echo" without any provider',
                mutate: (d) => {
                    d.spec.facade.handler = "echo";
                    delete d.spec.providerRef;
                },
            },
            {
                name: "inline provider instead of providerRef",
                mutate: (d) => {
                    delete d.spec.providerRef;
                    d.spec.provider = { type: "auto", secretRef: { name: "llm-credentials" }, defaults: { temperature: "2", topP: "0", maxTokens: 1 } };
                },
            },
            {
                name: "providerRef and inline provider together (providerRef wins)",
                mutate: (d) => {
                    d.spec.provider = { type: "openai", secretRef: { name: "llm-credentials", key: "KEY" } };
                },
            },
            {
                name: "track instead of version",
                mutate: (d) => {
                    delete d.spec.promptPackRef.version;
                    d.spec.promptPackRef.track = "canary";
                },
            },
            {
                name: "prerelease version",
                mutate: (d) => {
                    d.spec.promptPackRef.version = "2.2.0-rc.1";
                },
            },
            {
                name: "minReplicas 0 with keda (scale to zero)",
                mutate: (d) => {
                    d.spec.runtime.autoscaling.minReplicas = 0;
                },
            },
            {
                name: "maxReplicas equal to minReplicas",
                mutate: (d) => {
                    d.spec.runtime.autoscaling.minReplicas = 20;
                },
            },
            {
                name: "facade.port 65535",
                mutate: (d) => {
                    d.spec.facade.port = 65535;
                },
            },
            {
                name: "session.ttl 1h30m",
                mutate: (d) => {
                    d.spec.session.ttl = "1h30m";
                },
            },
            {
                name: "memory session without storeRef",
                mutate: (d) => {
                    d.spec.session = { type: "memory" };
                },
            },
            {
                name: "replicas 0",
                mutate: (d) => {
                    d.spec.runtime.replicas = 0;
                },
            },
            {
                name: "numeric quantities",
                mutate: (d) => {
                    d.spec.runtime.resources.requests = { cpu: 0.5, memory: "256Mi", "nvidia.com/gpu": 1 };
                    d.spec.runtime.resources.limits = { ...d.spec.runtime.resources.limits, "nvidia.com/gpu": 1 };
                },
            },
            {
                name: "a valid cron trigger",
                mutate: (d) => {
                    d.spec.runtime.autoscaling.keda.triggers.push(structuredClone(CRON_TRIGGER));
                },
            },
            {
                name: "an unchecked trigger type passes through",
                mutate: (d) => {
                    d.spec.runtime.autoscaling.keda.triggers.push({ type: "rabbitmq", metadata: { queueName: "q" } });
                },
            },
            {
                name: "tolerations and nodeSelector",
                mutate: (d) => {
                    d.spec.runtime.nodeSelector = { pool: "agents" };
                    d.spec.runtime.tolerations = [{ key: "gpu", operator: "Exists", effect: "NoExecute", tolerationSeconds: 60 }];
                },
            },
            // Omnia's CRD fields and forms.
            {
                name: "runtime.affinity",
                mutate: (d) => {
                    d.spec.runtime.affinity = {
                        nodeAffinity: {
                            requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "pool", operator: "In", values: ["agents"] }] }] },
                        },
                    };
                },
            },
            {
                name: "inline provider with the CRD's config and pricing",
                mutate: (d) => {
                    delete d.spec.providerRef;
                    d.spec.provider = {
                        type: "openai",
                        model: "gpt-4o",
                        secretRef: { name: "k" },
                        config: { temperature: "0.7", topP: "0.9", maxTokens: 512 },
                        pricing: { inputCostPer1K: "0.003", outputCostPer1K: "0.015" },
                    };
                },
            },
            {
                name: "inline provider without type (the CRD's default auto)",
                mutate: (d) => {
                    delete d.spec.providerRef;
                    d.spec.provider = { secretRef: { name: "k" } };
                },
            },
            {
                name: "track stable beside a version (what the API server fills in)",
                mutate: (d) => {
                    d.spec.promptPackRef.track = "stable";
                },
            },
            {
                name: "promptPackRef.version with a v prefix (the PromptPack CRD's pattern)",
                mutate: (d) => {
                    d.spec.promptPackRef.version = "v2.1.0";
                },
            },
            {
                name: "version with build metadata",
                mutate: (d) => {
                    d.spec.promptPackRef.version = "2.1.0+build.5";
                },
            },
            {
                name: "framework promptkit with image and version",
                mutate: (d) => {
                    d.spec.framework = { type: "promptkit", version: "1.1.6", image: "registry.example.com/omnia-runtime@sha256:" + "a".repeat(64) };
                    delete d.images;
                },
            },
            {
                name: "facade.image pinned",
                mutate: (d) => {
                    d.spec.facade.image = "registry.example.com/omnia-agent:0.2.0-alpha.12";
                },
            },
            {
                name: "runtime handler without provider under the mock-provider annotation",
                mutate: (d) => {
                    delete d.spec.providerRef;
                    d.metadata.annotations = { "omnia.altairalabs.ai/mock-provider": "true" };
                },
            },
        ];
        for (const v of valid) {
            it(v.name, () => {
                const doc = structuredClone(productionAgent());
                v.mutate(doc);
                assert.deepEqual(issuesOf("AgentRuntime", "production-agent", doc), []);
            });
        }
    });

    describe("one mistake per case", () => {
        runTable("AgentRuntime", "production-agent", productionAgent, [
            // Unknown fields, at several depths.
            {
                name: "unknown field in spec",
                mutate: (d) => {
                    d.spec.replica = 2;
                },
                issues: [{ path: "spec.replica", message: "unknown field" }],
            },
            {
                name: "unknown field in facade",
                mutate: (d) => {
                    d.spec.facade.protocol = "ws";
                },
                issues: [{ path: "spec.facade.protocol", message: "unknown field" }],
            },
            {
                name: "unknown field in autoscaling.keda",
                mutate: (d) => {
                    d.spec.runtime.autoscaling.keda.minReplicaCount = 0;
                },
                issues: [{ path: "spec.runtime.autoscaling.keda.minReplicaCount", message: "unknown field" }],
            },
            {
                name: "unknown field in a trigger",
                mutate: (d) => {
                    d.spec.runtime.autoscaling.keda.triggers[0].name = "connections";
                },
                issues: [{ path: `${TRIGGER0}.name`, message: "unknown field" }],
            },
            {
                name: "unknown field in metadata",
                mutate: (d) => {
                    d.metadata.uid = "1234";
                },
                issues: [{ path: "metadata.uid", message: "unknown field" }],
            },
            {
                name: "unknown field in resources",
                mutate: (d) => {
                    d.spec.runtime.resources.requested = {};
                },
                issues: [{ path: "spec.runtime.resources.requested", message: "unknown field" }],
            },
            {
                name: "resources.claims (needs pod-level resourceClaims)",
                mutate: (d) => {
                    d.spec.runtime.resources.claims = [{ name: "gpu" }];
                },
                issues: [
                    {
                        path: "spec.runtime.resources.claims",
                        message:
                            "is not supported: a container claim must name one of the pod's resourceClaims, which an AgentRuntime cannot declare (the API server would refuse the Deployment)",
                    },
                ],
            },
            {
                name: "unknown field in providerRef",
                mutate: (d) => {
                    d.spec.providerRef.kind = "Provider";
                },
                issues: [{ path: "spec.providerRef.kind", message: "unknown field" }],
            },
            {
                name: "unknown field in session.storeRef",
                mutate: (d) => {
                    d.spec.session.storeRef.key = "url";
                },
                issues: [{ path: "spec.session.storeRef.key", message: "unknown field" }],
            },

            // Required fields.
            {
                name: "promptPackRef missing",
                mutate: (d) => {
                    delete d.spec.promptPackRef;
                },
                issues: [{ path: "spec.promptPackRef", message: "is required" }],
            },
            {
                name: "promptPackRef.name missing",
                mutate: (d) => {
                    delete d.spec.promptPackRef.name;
                },
                issues: [{ path: "spec.promptPackRef.name", message: "is required" }],
            },
            {
                name: "providerRef.name missing",
                mutate: (d) => {
                    d.spec.providerRef = {};
                },
                issues: [{ path: "spec.providerRef.name", message: "is required" }],
            },

            // Names.
            {
                name: "promptPackRef.name uppercase",
                mutate: (d) => {
                    d.spec.promptPackRef.name = "Customer-Service";
                },
                issues: [{ path: "spec.promptPackRef.name", message: `${DNS_NAME} (got "Customer-Service")` }],
            },
            {
                name: "metadata.name not a DNS label",
                mutate: (d) => {
                    d.metadata.name = "Production_Agent";
                },
                issues: [{ path: "metadata.name", message: `${DNS_LABEL} (got "Production_Agent")` }],
            },
            {
                name: "metadata.name longer than 63",
                mutate: (d) => {
                    d.metadata.name = "a".repeat(64);
                },
                issues: [{ path: "metadata.name", message: `${DNS_LABEL} (got "${"a".repeat(56)}...)` }],
            },
            {
                name: "metadata.namespace with a dot",
                mutate: (d) => {
                    d.metadata.namespace = "agents.prod";
                },
                issues: [{ path: "metadata.namespace", message: `${DNS_LABEL} (got "agents.prod")` }],
            },
            {
                name: "toolRegistryRef.namespace uppercase",
                mutate: (d) => {
                    d.spec.toolRegistryRef.namespace = "Tools";
                },
                issues: [{ path: "spec.toolRegistryRef.namespace", message: `${DNS_LABEL} (got "Tools")` }],
            },
            {
                name: "metadata.labels value not a string",
                mutate: (d) => {
                    d.metadata.labels = { tier: 1 };
                },
                issues: [{ path: "metadata.labels.tier", message: "must be a string (got 1)" }],
            },

            // promptPackRef version / track.
            {
                name: "promptPackRef.version not semver",
                mutate: (d) => {
                    d.spec.promptPackRef.version = "2.1";
                },
                issues: [{ path: "spec.promptPackRef.version", message: 'must be a semantic version such as "2.1.0" (got "2.1")' }],
            },
            {
                name: "promptPackRef.version with a leading zero",
                mutate: (d) => {
                    d.spec.promptPackRef.version = "2.01.0";
                },
                issues: [{ path: "spec.promptPackRef.version", message: 'must be a semantic version such as "2.1.0" (got "2.01.0")' }],
            },
            {
                name: "promptPackRef version and track together",
                mutate: (d) => {
                    d.spec.promptPackRef.track = "canary";
                },
                issues: [{ path: "spec.promptPackRef.track", message: 'is mutually exclusive with version (got version "2.1.0" and track "canary")' }],
            },

            // Inline provider.
            {
                name: "provider.type not in the enum",
                mutate: (d) => {
                    d.spec.provider = { type: "mistral", secretRef: { name: "llm-credentials" } };
                },
                issues: [{ path: "spec.provider.type", message: 'must be one of "claude", "openai", "gemini", "auto" (got "mistral")' }],
            },
            {
                name: "provider.secretRef missing for handler runtime",
                mutate: (d) => {
                    delete d.spec.providerRef;
                    d.spec.provider = { type: "claude" };
                },
                issues: [
                    {
                        path: "spec.provider.secretRef",
                        message: 'is required for handler "runtime": without it the runtime has no API key (or set the annotation omnia.altairalabs.ai/mock-provider: "true")',
                    },
                ],
            },
            {
                name: "provider config and defaults together",
                mutate: (d) => {
                    d.spec.provider = { ...inlineProvider({ temperature: "0.5" }), config: { temperature: "0.7" } };
                },
                issues: [{ path: "spec.provider.defaults", message: "is the source document's name for config: give one of config and defaults" }],
            },
            {
                name: "provider baseURL with credentials",
                mutate: (d) => {
                    d.spec.provider = { ...inlineProvider({}), baseURL: "https://user:pass@llm.example.com/v1" };
                },
                issues: [
                    {
                        path: "spec.provider.baseURL",
                        message:
                            "must not carry credentials (user:password@): the Deployment is stored in plain text; the API key belongs in the Secret of secretRef (value not shown)",
                    },
                ],
            },
            {
                name: "framework langchain",
                mutate: (d) => {
                    d.spec.framework = { type: "langchain" };
                },
                issues: [{ path: "spec.framework.type", message: 'is "langchain", but the runtime program of this generation runs PromptKit only (type "promptkit")' }],
            },
            {
                name: "framework.image latest",
                mutate: (d) => {
                    d.spec.framework = { image: "ghcr.io/altairalabs/omnia-runtime:latest" };
                },
                issues: [{ path: "spec.framework.image", message: 'must be pinned to a tag other than "latest" or a digest (got "ghcr.io/altairalabs/omnia-runtime:latest")' }],
            },
            {
                name: "handler runtime without a runtime image",
                mutate: (d) => {
                    delete d.images;
                },
                issues: [
                    {
                        path: "spec.framework.image",
                        message:
                            'is required for handler "runtime": no Omnia release of this generation published a runtime image. Build it from Omnia 57f0e470 (`make docker-build-runtime`, Dockerfile.runtime), push it, and set spec.framework.image, the `images.runtime` argument, or the stack config `omnia:runtimeImage` (for every agent of the stack)',
                    },
                ],
            },
            {
                name: "provider.secretRef.name missing",
                mutate: (d) => {
                    d.spec.provider = { type: "claude", secretRef: {} };
                },
                issues: [{ path: "spec.provider.secretRef.name", message: "is required" }],
            },
            {
                name: "temperature above 2",
                mutate: (d) => {
                    d.spec.provider = inlineProvider({ temperature: "2.5" });
                },
                issues: [{ path: "spec.provider.defaults.temperature", message: 'must be a decimal string between 0 and 2 such as "0.7" (got "2.5")' }],
            },
            {
                name: "temperature negative",
                mutate: (d) => {
                    d.spec.provider = inlineProvider({ temperature: "-0.1" });
                },
                issues: [{ path: "spec.provider.defaults.temperature", message: 'must be a decimal string between 0 and 2 such as "0.7" (got "-0.1")' }],
            },
            {
                name: "temperature not a decimal",
                mutate: (d) => {
                    d.spec.provider = inlineProvider({ temperature: "warm" });
                },
                issues: [{ path: "spec.provider.defaults.temperature", message: 'must be a decimal string between 0 and 2 such as "0.7" (got "warm")' }],
            },
            {
                name: "temperature as a number",
                mutate: (d) => {
                    d.spec.provider = inlineProvider({ temperature: 0.7 });
                },
                issues: [{ path: "spec.provider.defaults.temperature", message: "must be a string (got 0.7)" }],
            },
            {
                name: "topP above 1",
                mutate: (d) => {
                    d.spec.provider = inlineProvider({ topP: "1.5" });
                },
                issues: [{ path: "spec.provider.defaults.topP", message: 'must be a decimal string between 0 and 1 such as "0.7" (got "1.5")' }],
            },
            {
                name: "maxTokens 0",
                mutate: (d) => {
                    d.spec.provider = inlineProvider({ maxTokens: 0 });
                },
                issues: [{ path: "spec.provider.defaults.maxTokens", message: "must be an integer >= 1 (got 0)" }],
            },
            {
                name: "maxTokens not an integer",
                mutate: (d) => {
                    d.spec.provider = inlineProvider({ maxTokens: 1.5 });
                },
                issues: [{ path: "spec.provider.defaults.maxTokens", message: "must be an integer >= 1 (got 1.5)" }],
            },
            {
                name: "maxTokens as a string",
                mutate: (d) => {
                    d.spec.provider = inlineProvider({ maxTokens: "4096" });
                },
                issues: [{ path: "spec.provider.defaults.maxTokens", message: 'must be an integer >= 1 (got "4096")' }],
            },

            // Facade.
            {
                name: "facade.port 0",
                mutate: (d) => {
                    d.spec.facade.port = 0;
                },
                issues: [{ path: "spec.facade.port", message: "must be an integer between 1 and 65535 (got 0)" }],
            },
            {
                name: "facade.port 70000",
                mutate: (d) => {
                    d.spec.facade.port = 70000;
                },
                issues: [{ path: "spec.facade.port", message: "must be an integer between 1 and 65535 (got 70000)" }],
            },
            {
                name: "facade.port 8081 (facade health)",
                mutate: (d) => {
                    d.spec.facade.port = 8081;
                },
                issues: [{ path: "spec.facade.port", message: `${RESERVED_PORT} (got 8081)` }],
            },
            {
                name: "facade.port 9000 (runtime gRPC)",
                mutate: (d) => {
                    d.spec.facade.port = 9000;
                },
                issues: [{ path: "spec.facade.port", message: `${RESERVED_PORT} (got 9000)` }],
            },
            {
                name: "facade.port 9001 (runtime health)",
                mutate: (d) => {
                    d.spec.facade.port = 9001;
                },
                issues: [{ path: "spec.facade.port", message: `${RESERVED_PORT} (got 9001)` }],
            },
            {
                name: "facade.port not an integer",
                mutate: (d) => {
                    d.spec.facade.port = 8080.5;
                },
                issues: [{ path: "spec.facade.port", message: "must be an integer between 1 and 65535 (got 8080.5)" }],
            },
            {
                name: "facade.port as a string",
                mutate: (d) => {
                    d.spec.facade.port = "8080";
                },
                issues: [{ path: "spec.facade.port", message: 'must be an integer between 1 and 65535 (got "8080")' }],
            },
            {
                name: "facade.type not in the enum",
                mutate: (d) => {
                    d.spec.facade.type = "http";
                },
                issues: [{ path: "spec.facade.type", message: 'must be one of "websocket", "grpc" (got "http")' }],
            },
            {
                name: "facade.type grpc (in the CRD, not in the facade program)",
                mutate: (d) => {
                    d.spec.facade.type = "grpc";
                },
                issues: [{ path: "spec.facade.type", message: 'is "grpc", which the facade of this generation does not serve (it serves "websocket" only)' }],
            },
            {
                name: "facade.handler not in the enum",
                mutate: (d) => {
                    d.spec.facade.handler = "llm";
                },
                issues: [{ path: "spec.facade.handler", message: 'must be one of "runtime", "demo", "echo" (got "llm")' }],
            },
            {
                name: 'handler "runtime" without any provider',
                mutate: (d) => {
                    delete d.spec.providerRef;
                },
                issues: [{ path: "spec.providerRef", message: NEEDS_PROVIDER }],
            },

            // Session.
            {
                name: "session.type not in the enum",
                mutate: (d) => {
                    d.spec.session.type = "mongo";
                },
                issues: [{ path: "spec.session.type", message: 'must be one of "memory", "redis", "postgres" (got "mongo")' }],
            },
            {
                name: 'session.ttl "1d" (no day unit in Go)',
                mutate: (d) => {
                    d.spec.session.ttl = "1d";
                },
                issues: [{ path: "spec.session.ttl", message: `${GO_DURATION} (got "1d")` }],
            },
            {
                name: 'session.ttl "0s" (not positive)',
                mutate: (d) => {
                    d.spec.session.ttl = "0s";
                },
                issues: [{ path: "spec.session.ttl", message: `${GO_DURATION} (got "0s")` }],
            },
            {
                name: 'session.ttl "abc"',
                mutate: (d) => {
                    d.spec.session.ttl = "abc";
                },
                issues: [{ path: "spec.session.ttl", message: `${GO_DURATION} (got "abc")` }],
            },
            {
                name: "session.ttl empty",
                mutate: (d) => {
                    d.spec.session.ttl = "";
                },
                issues: [{ path: "spec.session.ttl", message: `${GO_DURATION} (got "")` }],
            },
            {
                name: "session.ttl as a number",
                mutate: (d) => {
                    d.spec.session.ttl = 3600;
                },
                issues: [{ path: "spec.session.ttl", message: "must be a string (got 3600)" }],
            },
            {
                name: "redis session without storeRef",
                mutate: (d) => {
                    delete d.spec.session.storeRef;
                },
                issues: [{ path: "spec.session.storeRef", message: 'is required for session type "redis"' }],
            },
            {
                name: "postgres session (the programs exit on it)",
                mutate: (d) => {
                    d.spec.session.type = "postgres";
                },
                issues: [
                    {
                        path: "spec.session.type",
                        message:
                            'is "postgres", which the agent programs of this generation do not support: both exit at start ("invalid session type: postgres"); use "redis" or "memory"',
                    },
                ],
            },

            // Runtime.
            {
                name: "replicas -1",
                mutate: (d) => {
                    d.spec.runtime.replicas = -1;
                },
                issues: [{ path: "spec.runtime.replicas", message: "must be an integer >= 0 (got -1)" }],
            },
            {
                name: "replicas 1.5",
                mutate: (d) => {
                    d.spec.runtime.replicas = 1.5;
                },
                issues: [{ path: "spec.runtime.replicas", message: "must be an integer >= 0 (got 1.5)" }],
            },
            {
                name: 'resources quantity "lots"',
                mutate: (d) => {
                    d.spec.runtime.resources.requests.cpu = "lots";
                },
                issues: [{ path: "spec.runtime.resources.requests.cpu", message: `${QUANTITY} (got "lots")` }],
            },
            {
                name: 'resources quantity "1.2.3Gi"',
                mutate: (d) => {
                    d.spec.runtime.resources.limits.memory = "1.2.3Gi";
                },
                issues: [{ path: "spec.runtime.resources.limits.memory", message: `${QUANTITY} (got "1.2.3Gi")` }],
            },
            {
                name: "toleration operator not in the enum",
                mutate: (d) => {
                    d.spec.runtime.tolerations = [{ key: "gpu", operator: "In", effect: "NoSchedule" }];
                },
                issues: [{ path: "spec.runtime.tolerations[0].operator", message: 'must be one of "Exists", "Equal" (got "In")' }],
            },
            {
                name: "toleration effect not in the enum",
                mutate: (d) => {
                    d.spec.runtime.tolerations = [{ key: "gpu", operator: "Exists", effect: "Never" }];
                },
                issues: [{ path: "spec.runtime.tolerations[0].effect", message: 'must be one of "NoSchedule", "PreferNoSchedule", "NoExecute" (got "Never")' }],
            },
            {
                name: "tolerationSeconds not an integer",
                mutate: (d) => {
                    d.spec.runtime.tolerations = [{ key: "gpu", operator: "Exists", effect: "NoExecute", tolerationSeconds: 1.5 }];
                },
                issues: [{ path: "spec.runtime.tolerations[0].tolerationSeconds", message: "must be an integer (got 1.5)" }],
            },
            {
                name: "nodeSelector value not a string",
                mutate: (d) => {
                    d.spec.runtime.nodeSelector = { gpu: true };
                },
                issues: [{ path: "spec.runtime.nodeSelector.gpu", message: "must be a string (got true)" }],
            },

            // Autoscaling.
            {
                name: "minReplicas 0 with hpa",
                mutate: (d) => {
                    d.spec.runtime.autoscaling = { enabled: true, type: "hpa", minReplicas: 0 };
                },
                issues: [{ path: "spec.runtime.autoscaling.minReplicas", message: '0 is only allowed with type "keda" (got type "hpa")' }],
            },
            {
                name: "minReplicas 0 with the default type (hpa)",
                mutate: (d) => {
                    d.spec.runtime.autoscaling = { enabled: true, minReplicas: 0 };
                },
                issues: [{ path: "spec.runtime.autoscaling.minReplicas", message: '0 is only allowed with type "keda" (got type "hpa")' }],
            },
            {
                name: "maxReplicas below minReplicas",
                mutate: (d) => {
                    d.spec.runtime.autoscaling.minReplicas = 21;
                },
                issues: [{ path: "spec.runtime.autoscaling.maxReplicas", message: "must be >= minReplicas 21 (got 20)" }],
            },
            // Unclear (reported): both the range and the cross-field rule fire on the same path.
            {
                name: "maxReplicas 0",
                mutate: (d) => {
                    d.spec.runtime.autoscaling.maxReplicas = 0;
                },
                issues: [
                    { path: "spec.runtime.autoscaling.maxReplicas", message: "must be an integer >= 1 (got 0)" },
                    { path: "spec.runtime.autoscaling.maxReplicas", message: "must be >= minReplicas 1 (got 0)" },
                ],
            },
            {
                name: "targetMemoryUtilizationPercentage 0",
                mutate: (d) => {
                    d.spec.runtime.autoscaling.targetMemoryUtilizationPercentage = 0;
                },
                issues: [{ path: "spec.runtime.autoscaling.targetMemoryUtilizationPercentage", message: "must be an integer between 1 and 100 (got 0)" }],
            },
            {
                name: "targetMemoryUtilizationPercentage 101",
                mutate: (d) => {
                    d.spec.runtime.autoscaling.targetMemoryUtilizationPercentage = 101;
                },
                issues: [{ path: "spec.runtime.autoscaling.targetMemoryUtilizationPercentage", message: "must be an integer between 1 and 100 (got 101)" }],
            },
            {
                name: "targetCPUUtilizationPercentage 0",
                mutate: (d) => {
                    d.spec.runtime.autoscaling.targetCPUUtilizationPercentage = 0;
                },
                issues: [{ path: "spec.runtime.autoscaling.targetCPUUtilizationPercentage", message: "must be an integer between 1 and 100 (got 0)" }],
            },
            {
                name: "targetCPUUtilizationPercentage 101",
                mutate: (d) => {
                    d.spec.runtime.autoscaling.targetCPUUtilizationPercentage = 101;
                },
                issues: [{ path: "spec.runtime.autoscaling.targetCPUUtilizationPercentage", message: "must be an integer between 1 and 100 (got 101)" }],
            },
            {
                name: "scaleDownStabilizationSeconds 3601",
                mutate: (d) => {
                    d.spec.runtime.autoscaling.scaleDownStabilizationSeconds = 3601;
                },
                issues: [{ path: "spec.runtime.autoscaling.scaleDownStabilizationSeconds", message: "must be an integer between 0 and 3600 (got 3601)" }],
            },
            {
                name: "autoscaling.enabled not a boolean",
                mutate: (d) => {
                    d.spec.runtime.autoscaling.enabled = "yes";
                },
                issues: [{ path: "spec.runtime.autoscaling.enabled", message: 'must be a boolean (got "yes")' }],
            },
            {
                name: "autoscaling.type not in the enum",
                mutate: (d) => {
                    d.spec.runtime.autoscaling.type = "vpa";
                },
                issues: [{ path: "spec.runtime.autoscaling.type", message: 'must be one of "hpa", "keda" (got "vpa")' }],
            },

            // KEDA.
            {
                name: "keda.pollingInterval 0",
                mutate: (d) => {
                    d.spec.runtime.autoscaling.keda.pollingInterval = 0;
                },
                issues: [{ path: "spec.runtime.autoscaling.keda.pollingInterval", message: "must be an integer >= 1 (got 0)" }],
            },
            {
                name: "keda.cooldownPeriod -1",
                mutate: (d) => {
                    d.spec.runtime.autoscaling.keda.cooldownPeriod = -1;
                },
                issues: [{ path: "spec.runtime.autoscaling.keda.cooldownPeriod", message: "must be an integer >= 0 (got -1)" }],
            },
            {
                name: "trigger type missing",
                mutate: (d) => {
                    delete d.spec.runtime.autoscaling.keda.triggers[0].type;
                },
                issues: [{ path: `${TRIGGER0}.type`, message: "is required" }],
            },
            {
                name: "prometheus trigger without serverAddress",
                mutate: (d) => {
                    delete d.spec.runtime.autoscaling.keda.triggers[0].metadata.serverAddress;
                },
                issues: [{ path: `${TRIGGER0}.metadata.serverAddress`, message: "is required for a prometheus trigger" }],
            },
            {
                name: "prometheus serverAddress not a URL",
                mutate: (d) => {
                    d.spec.runtime.autoscaling.keda.triggers[0].metadata.serverAddress = "prometheus:9090";
                },
                issues: [
                    { path: `${TRIGGER0}.metadata.serverAddress`, message: 'must be an http(s) URL without spaces, control characters, query or fragment (got "prometheus:9090")' },
                ],
            },
            {
                name: "prometheus trigger without query",
                mutate: (d) => {
                    delete d.spec.runtime.autoscaling.keda.triggers[0].metadata.query;
                },
                issues: [{ path: `${TRIGGER0}.metadata.query`, message: "is required for a prometheus trigger" }],
            },
            {
                name: "prometheus query blank",
                mutate: (d) => {
                    d.spec.runtime.autoscaling.keda.triggers[0].metadata.query = "  ";
                },
                issues: [{ path: `${TRIGGER0}.metadata.query`, message: 'must not be empty (got "  ")' }],
            },
            {
                name: "prometheus trigger without threshold",
                mutate: (d) => {
                    delete d.spec.runtime.autoscaling.keda.triggers[0].metadata.threshold;
                },
                issues: [{ path: `${TRIGGER0}.metadata.threshold`, message: "is required for a prometheus trigger" }],
            },
            {
                name: "prometheus threshold not numeric",
                mutate: (d) => {
                    d.spec.runtime.autoscaling.keda.triggers[0].metadata.threshold = "ten";
                },
                issues: [{ path: `${TRIGGER0}.metadata.threshold`, message: 'must be a number written as a string, e.g. "10" (got "ten")' }],
            },
            {
                name: "prometheus trigger without metadata",
                mutate: (d) => {
                    delete d.spec.runtime.autoscaling.keda.triggers[0].metadata;
                },
                issues: [
                    { path: `${TRIGGER0}.metadata.serverAddress`, message: "is required for a prometheus trigger" },
                    { path: `${TRIGGER0}.metadata.query`, message: "is required for a prometheus trigger" },
                    { path: `${TRIGGER0}.metadata.threshold`, message: "is required for a prometheus trigger" },
                ],
            },
            {
                name: "trigger metadata value a number",
                mutate: (d) => {
                    d.spec.runtime.autoscaling.keda.triggers[0].metadata.threshold = 10;
                },
                issues: [{ path: `${TRIGGER0}.metadata.threshold`, message: "must be a string (got 10)" }],
            },
            {
                name: "trigger metadata value a boolean",
                mutate: (d) => {
                    d.spec.runtime.autoscaling.keda.triggers[0].metadata.activationThreshold = true;
                },
                issues: [{ path: `${TRIGGER0}.metadata.activationThreshold`, message: "must be a string (got true)" }],
            },
            {
                name: "cron trigger with an invalid timezone",
                mutate: withCron({ timezone: "Mars/Olympus" }),
                issues: [{ path: `${TRIGGER1}.metadata.timezone`, message: 'must be an IANA time zone as Go spells it, such as "America/New_York" (got "Mars/Olympus")' }],
            },
            {
                name: "cron trigger with a bad start expression",
                mutate: withCron({ start: "0 25 * * *" }),
                issues: [{ path: `${TRIGGER1}.metadata.start`, message: 'must be a 5-field cron expression such as "0 8 * * 1-5": hour "25" is outside 0-23 (got "0 25 * * *")' }],
            },
            {
                name: "cron trigger with a 6-field start expression",
                mutate: withCron({ start: "0 0 8 * * 1-5" }),
                issues: [
                    {
                        path: `${TRIGGER1}.metadata.start`,
                        message:
                            'must be a 5-field cron expression such as "0 8 * * 1-5": must have 5 fields (minute hour day-of-month month day-of-week), got 6 (got "0 0 8 * * 1-5")',
                    },
                ],
            },
            { name: "cron trigger without end", mutate: withCron({ end: undefined }), issues: [{ path: `${TRIGGER1}.metadata.end`, message: "is required for a cron trigger" }] },
            {
                name: 'cron desiredReplicas "five"',
                mutate: withCron({ desiredReplicas: "five" }),
                issues: [{ path: `${TRIGGER1}.metadata.desiredReplicas`, message: 'must be an integer written as a string, e.g. "5" (got "five")' }],
            },
        ]);
    });

    describe("several mistakes at once", () => {
        it("reports three independent mistakes in different subtrees together", () => {
            const doc = structuredClone(productionAgent());
            doc.spec.facade.port = 9000;
            doc.spec.session.ttl = "1d";
            doc.spec.runtime.autoscaling.type = "hpa";
            doc.spec.runtime.autoscaling.minReplicas = 0;
            try {
                validateDocument("AgentRuntime", "production-agent", doc);
                assert.fail("expected a SpecValidationError");
            } catch (e) {
                assert.ok(e instanceof SpecValidationError);
                assert.deepEqual(e.issues, [
                    { path: "spec.facade.port", message: `${RESERVED_PORT} (got 9000)` },
                    { path: "spec.session.ttl", message: `${GO_DURATION} (got "1d")` },
                    { path: "spec.runtime.autoscaling.minReplicas", message: '0 is only allowed with type "keda" (got type "hpa")' },
                ]);
                assert.equal(
                    e.message,
                    [
                        'invalid AgentRuntime "production-agent":',
                        `  spec.facade.port: ${RESERVED_PORT} (got 9000)`,
                        `  spec.session.ttl: ${GO_DURATION} (got "1d")`,
                        '  spec.runtime.autoscaling.minReplicas: 0 is only allowed with type "keda" (got type "hpa")',
                    ].join("\n"),
                );
            }
        });

        it("reports the spec-level provider rule alongside a field error", () => {
            const doc = structuredClone(productionAgent());
            delete doc.spec.providerRef;
            doc.spec.facade.port = 70000;
            assert.deepEqual(issuesOf("AgentRuntime", "production-agent", doc), [
                { path: "spec.facade.port", message: "must be an integer between 1 and 65535 (got 70000)" },
                { path: "spec.providerRef", message: NEEDS_PROVIDER },
            ]);
        });
    });

    describe("edge cases found in review", () => {
        it("metadata.name undefined still defaults to the resource name", () => {
            const doc = validateDocument("AgentRuntime", "my-agent", {
                metadata: { name: undefined, namespace: "agents" },
                spec: { promptPackRef: { name: "p" }, providerRef: { name: "c" } },
                images: { runtime: RUNTIME_IMAGE },
            });
            assert.deepEqual(doc.metadata, { name: "my-agent", namespace: "agents" });
        });

        it("a missing spec reports only that spec is required", () => {
            assert.deepEqual(issuesOf("AgentRuntime", "production-agent", { metadata: {} }), [{ path: "spec", message: "is required" }]);
        });

        it('a null spec reads "must be an object (got null)"', () => {
            assert.deepEqual(issuesOf("AgentRuntime", "production-agent", { spec: null }), [{ path: "spec", message: "must be an object (got null)" }]);
        });
        it('triggers given as an object reads "must be an array"', () => {
            const doc = structuredClone(productionAgent());
            doc.spec.runtime.autoscaling.keda.triggers = {};
            assert.deepEqual(issuesOf("AgentRuntime", "production-agent", doc), [{ path: "spec.runtime.autoscaling.keda.triggers", message: "must be an array" }]);
        });

        it("an empty trigger type says it must not be empty, in the package's words", () => {
            const doc = structuredClone(productionAgent());
            doc.spec.runtime.autoscaling.keda.triggers[0].type = "";
            const issues = issuesOf("AgentRuntime", "production-agent", doc);
            assert.equal(issues.length, 1);
            assert.equal(issues[0].path, `${TRIGGER0}.type`);
            assert.match(issues[0].message, /^must (not be empty|be a non-empty string) \(got ""\)$/);
        });
    });
});

// ---------------------------------------------------------------------------------------------
// Companion kinds.

function customerServicePrompts(): Doc {
    return {
        metadata: { namespace: "agents" },
        spec: {
            versions: [
                { version: "2.1.0", content: packContent("2.1.0") },
                { version: "2.2.0-rc.1", configMapRef: { name: "cs-prompts-rc" } },
            ],
            tracks: { canary: "2.2.0-rc.1" },
        },
    };
}

/** Omnia's own form: one version whose content is an existing ConfigMap. */
function omniaPrompts(): Doc {
    return { metadata: { namespace: "agents" }, spec: { source: { type: "configmap", configMapRef: { name: "cs-prompts" } }, version: "1.0.0", rollout: { type: "immediate" } } };
}

function claudeProduction(): Doc {
    return {
        metadata: { namespace: "shared-providers" },
        spec: {
            type: "claude",
            model: "claude-sonnet-4-20250514",
            baseURL: "https://api.anthropic.com",
            secretRef: { name: "llm-credentials", key: "ANTHROPIC_API_KEY" },
            defaults: { temperature: "0.7", topP: "0.9", maxTokens: 4096 },
            pricing: { inputCostPer1K: "0.003", outputCostPer1K: "0.015", cachedCostPer1K: "0.0003" },
            validateCredentials: true,
        },
    };
}

function serviceTools(): Doc {
    return {
        metadata: { namespace: "agents" },
        spec: {
            handlers: [
                {
                    name: "weather",
                    type: "http",
                    httpConfig: { endpoint: "http://weather.tools.svc.cluster.local:8080/weather", method: "GET", headers: { Accept: "application/json" } },
                    tool: { name: "get_weather", description: "Current weather for a city", inputSchema: { type: "object" } },
                    timeout: "30s",
                    retries: 2,
                },
                { name: "docs", type: "mcp", mcpConfig: { transport: "sse", endpoint: "http://docs-mcp.tools.svc.cluster.local:8080/sse" } },
                {
                    name: "orders",
                    type: "grpc",
                    grpcConfig: { endpoint: "orders.backend.svc.cluster.local:9090", tls: false },
                    tool: { name: "order_status", description: "Order status", inputSchema: { type: "object" } },
                },
                { name: "petstore", type: "openapi", openAPIConfig: { specURL: "http://petstore.tools.svc.cluster.local/openapi.json", operationFilter: ["getPet"] } },
            ],
        },
    };
}

const SCHEMA = "(PromptKit's pack schema)";

describe("PromptPack spec validation", () => {
    it("accepts the baseline (the multi-version extension)", () => {
        assert.deepEqual(issuesOf("PromptPack", "customer-service-prompts", customerServicePrompts()), []);
    });

    it("accepts Omnia's one-version form, with the CRD's defaults", () => {
        const doc = validateDocument("PromptPack", "customer-service", {
            spec: { source: { type: "configmap", configMapRef: { name: "cs" } }, version: "v1.0.0", rollout: { type: "canary", canary: {} } },
        });
        assert.deepEqual(doc.spec, {
            source: { type: "configmap", configMapRef: { name: "cs" } },
            version: "v1.0.0",
            rollout: { type: "canary", canary: { weight: 10, stepWeight: 10, interval: "5m" } },
        });
    });

    runTable("PromptPack", "customer-service-prompts", customerServicePrompts, [
        {
            name: "duplicate version",
            mutate: (d) => {
                d.spec.versions.push({ version: "2.1.0", configMapRef: { name: "cs-prompts-old" } });
            },
            issues: [{ path: "spec.versions[2].version", message: 'duplicates version "2.1.0"' }],
        },
        {
            name: "track pointing at an unpublished version",
            mutate: (d) => {
                d.spec.tracks.canary = "3.0.0";
            },
            issues: [{ path: "spec.tracks.canary", message: 'points at version "3.0.0", which is not published (published: 2.1.0, 2.2.0-rc.1)' }],
        },
        {
            name: "track pointing at a non-semver version",
            mutate: (d) => {
                d.spec.tracks.canary = "latest";
            },
            issues: [{ path: "spec.tracks.canary", message: 'must be a semantic version such as "2.1.0" (got "latest")' }],
        },
        {
            name: "both content and configMapRef",
            mutate: (d) => {
                d.spec.versions[0].configMapRef = { name: "cs-prompts" };
            },
            issues: [{ path: "spec.versions[0].content", message: "exactly one of content and configMapRef must be given" }],
        },
        {
            name: "neither content nor configMapRef",
            mutate: (d) => {
                delete d.spec.versions[1].configMapRef;
            },
            issues: [{ path: "spec.versions[1].content", message: "exactly one of content and configMapRef must be given" }],
        },
        {
            name: "content.version differs from the published version",
            mutate: (d) => {
                d.spec.versions[0].content.version = "2.0.0";
            },
            issues: [{ path: "spec.versions[0].content.version", message: 'must equal the version "2.1.0" it is published as (got "2.0.0")' }],
        },
        {
            name: "version not semver",
            mutate: (d) => {
                d.spec.versions[1].version = "2.1";
                d.spec.tracks = {};
            },
            issues: [{ path: "spec.versions[1].version", message: 'must be a semantic version such as "2.1.0" (got "2.1")' }],
        },
        {
            name: "empty versions",
            mutate: (d) => {
                d.spec = { versions: [] };
            },
            issues: [{ path: "spec.versions", message: "must list at least one version" }],
        },
        {
            name: "neither form",
            mutate: (d) => {
                d.spec = {};
            },
            issues: [
                { path: "spec.source", message: "is required (or versions, the multi-version extension)" },
                { path: "spec.version", message: "is required with source" },
            ],
        },
        {
            name: "both forms",
            mutate: (d) => {
                d.spec.version = "2.1.0";
            },
            issues: [{ path: "spec.version", message: `belongs to Omnia's one-version form: give either source and version, or versions (got "2.1.0")` }],
        },
        {
            name: "configMapRef.name uppercase",
            mutate: (d) => {
                d.spec.versions[1].configMapRef.name = "CS-Prompts";
            },
            issues: [{ path: "spec.versions[1].configMapRef.name", message: `${DNS_NAME} (got "CS-Prompts")` }],
        },
        {
            name: "unknown field in spec",
            mutate: (d) => {
                d.spec.latest = "2.1.0";
            },
            issues: [{ path: "spec.latest", message: "unknown field" }],
        },
        // PromptKit's pack schema, as the runtime applies it at the first message.
        {
            name: "template_engine as a string",
            mutate: (d) => {
                d.spec.versions[0].content.template_engine = "go";
            },
            issues: [{ path: "spec.versions[0].content.template_engine", message: `must be an object ${SCHEMA} (got "go")` }],
        },
        {
            name: "a prompt without id, name and version",
            mutate: (d) => {
                d.spec.versions[0].content.prompts.support = { system_template: "hi" };
            },
            issues: ["id", "name", "version"].map((f) => ({ path: `spec.versions[0].content.prompts.support.${f}`, message: `is required by ${SCHEMA.slice(1, -1)}` })),
        },
        {
            name: "no prompts",
            mutate: (d) => {
                d.spec.versions[0].content.prompts = {};
            },
            issues: [{ path: "spec.versions[0].content.prompts", message: `must have at least 1 entry ${SCHEMA}` }],
        },
        {
            name: "pack id not lowercase",
            mutate: (d) => {
                d.spec.versions[0].content.id = "Customer Service";
            },
            issues: [{ path: "spec.versions[0].content.id", message: `must match ^[a-z][a-z0-9-]*$ ${SCHEMA} (got "Customer Service")` }],
        },
        {
            name: "an unknown top-level pack field",
            mutate: (d) => {
                d.spec.versions[0].content.prompt = {};
            },
            issues: [{ path: "spec.versions[0].content.prompt", message: `is not a field of ${SCHEMA.slice(1, -1)}` }],
        },
        {
            name: "two prompts, none named default (the runtime opens one)",
            mutate: (d) => {
                d.spec.versions[0].content.prompts.sales = { ...d.spec.versions[0].content.prompts.support, id: "sales" };
            },
            issues: [
                {
                    path: "spec.versions[0].content.prompts",
                    message: 'has support, sales: the runtime opens one prompt (OMNIA_PROMPT_NAME), so name one "default" or keep exactly one',
                },
            ],
        },
    ]);

    runTable("PromptPack", "customer-support", omniaPrompts, [
        {
            name: "Omnia form: source without configMapRef",
            mutate: (d) => {
                delete d.spec.source.configMapRef;
            },
            issues: [{ path: "spec.source.configMapRef", message: "is required" }],
        },
        {
            name: "Omnia form: source.type not configmap",
            mutate: (d) => {
                d.spec.source.type = "git";
            },
            issues: [{ path: "spec.source.type", message: 'must be one of "configmap" (got "git")' }],
        },
        {
            name: "Omnia form: version not semver",
            mutate: (d) => {
                d.spec.version = "1.0";
            },
            issues: [{ path: "spec.version", message: 'must be a semantic version such as "2.1.0" (got "1.0")' }],
        },
        {
            name: "Omnia form: rollout type unknown",
            mutate: (d) => {
                d.spec.rollout.type = "bluegreen";
            },
            issues: [{ path: "spec.rollout.type", message: 'must be one of "immediate", "canary" (got "bluegreen")' }],
        },
        {
            name: "Omnia form: canary weight 101",
            mutate: (d) => {
                d.spec.rollout = { type: "canary", canary: { weight: 101 } };
            },
            issues: [{ path: "spec.rollout.canary.weight", message: "must be an integer between 0 and 100 (got 101)" }],
        },
        {
            name: "Omnia form with tracks",
            mutate: (d) => {
                d.spec.tracks = { stable: "1.0.0" };
            },
            issues: [{ path: "spec.tracks", message: "belongs to the multi-version extension: give versions with it" }],
        },
    ]);

    it("an invalid track name names the rule and the offending key", () => {
        const doc = structuredClone(customerServicePrompts());
        doc.spec.tracks = { Canary: "2.2.0-rc.1" };
        assert.deepEqual(issuesOf("PromptPack", "customer-service-prompts", doc), [{ path: "spec.tracks.Canary", message: `track name ${DNS_LABEL} (got "Canary")` }]);
    });
});

describe("Provider spec validation", () => {
    it("accepts the baseline", () => {
        assert.deepEqual(issuesOf("Provider", "claude-production", claudeProduction()), []);
    });

    runTable("Provider", "claude-production", claudeProduction, [
        {
            name: "type not in the enum",
            mutate: (d) => {
                d.spec.type = "mistral";
            },
            issues: [{ path: "spec.type", message: 'must be one of "claude", "openai", "gemini", "auto" (got "mistral")' }],
        },
        {
            name: "type missing",
            mutate: (d) => {
                delete d.spec.type;
            },
            issues: [{ path: "spec.type", message: "is required" }],
        },
        {
            name: "baseURL not a URL",
            mutate: (d) => {
                d.spec.baseURL = "not a url";
            },
            issues: [{ path: "spec.baseURL", message: 'must be an http(s) URL (got "not a url")' }],
        },
        {
            name: "baseURL without a scheme",
            mutate: (d) => {
                d.spec.baseURL = "api.anthropic.com";
            },
            issues: [{ path: "spec.baseURL", message: 'must be an http(s) URL (got "api.anthropic.com")' }],
        },
        {
            name: "baseURL with an ftp scheme",
            mutate: (d) => {
                d.spec.baseURL = "ftp://api.example.com";
            },
            issues: [{ path: "spec.baseURL", message: 'must be an http(s) URL (got "ftp://api.example.com")' }],
        },
        {
            name: "secretRef missing",
            mutate: (d) => {
                delete d.spec.secretRef;
            },
            issues: [{ path: "spec.secretRef", message: "is required" }],
        },
        {
            name: "secretRef.name not a DNS name",
            mutate: (d) => {
                d.spec.secretRef.name = "LLM_creds";
            },
            issues: [{ path: "spec.secretRef.name", message: `${DNS_NAME} (got "LLM_creds")` }],
        },
        {
            name: "temperature not a decimal",
            mutate: (d) => {
                d.spec.defaults.temperature = "hot";
            },
            issues: [{ path: "spec.defaults.temperature", message: 'must be a decimal string between 0 and 2 such as "0.7" (got "hot")' }],
        },
        {
            name: "temperature 3",
            mutate: (d) => {
                d.spec.defaults.temperature = "3";
            },
            issues: [{ path: "spec.defaults.temperature", message: 'must be a decimal string between 0 and 2 such as "0.7" (got "3")' }],
        },
        {
            name: "unknown field (a literal key)",
            mutate: (d) => {
                d.spec.apiKey = "sk-...";
            },
            issues: [{ path: "spec.apiKey", message: "unknown field" }],
        },
    ]);
});

describe("ToolRegistry spec validation", () => {
    it("accepts the baseline: one handler of each type", () => {
        assert.deepEqual(issuesOf("ToolRegistry", "service-tools", serviceTools()), []);
    });

    it("fills in the CRD's defaults (method, contentType, timeout, retries)", () => {
        const doc = validateDocument("ToolRegistry", "t", {
            spec: { handlers: [{ name: "w", type: "http", httpConfig: { endpoint: "http://w/x" }, tool: { name: "w", description: "d", inputSchema: {} } }] },
        });
        assert.deepEqual(doc.spec.handlers[0], {
            name: "w",
            type: "http",
            httpConfig: { endpoint: "http://w/x", method: "POST", contentType: "application/json" },
            tool: { name: "w", description: "d", inputSchema: {} },
            timeout: "30s",
            retries: 0,
        });
    });

    const NO_BLOCK = (type: string, field: string) => ({
        path: `spec.handlers[${["http", "mcp", "grpc", "openapi"].indexOf(type)}].${field}`,
        message: `is required for a ${type} handler: the runtime skips a ${type} handler without it, and the agent would silently have no such tool`,
    });
    runTable("ToolRegistry", "service-tools", serviceTools, [
        {
            name: "duplicate handler names",
            mutate: (d) => {
                d.spec.handlers[1].name = "weather";
            },
            issues: [{ path: "spec.handlers[1].name", message: 'duplicates handler "weather"' }],
        },
        {
            name: "duplicate tool names",
            mutate: (d) => {
                d.spec.handlers[2].tool.name = "get_weather";
            },
            issues: [{ path: "spec.handlers[2].tool.name", message: 'duplicates tool "get_weather" (the model calls tools by name)' }],
        },
        {
            name: "handler name not a DNS label",
            mutate: (d) => {
                d.spec.handlers[0].name = "Weather_API";
            },
            issues: [{ path: "spec.handlers[0].name", message: `${DNS_LABEL} (got "Weather_API")` }],
        },
        {
            name: "handler type not in the enum",
            mutate: (d) => {
                d.spec.handlers[0].type = "soap";
            },
            issues: [{ path: "spec.handlers[0].type", message: 'must be one of "http", "grpc", "mcp", "openapi" (got "soap")' }],
        },
        {
            name: "http handler without httpConfig",
            mutate: (d) => {
                delete d.spec.handlers[0].httpConfig;
            },
            issues: [NO_BLOCK("http", "httpConfig")],
        },
        {
            name: "mcp handler without mcpConfig",
            mutate: (d) => {
                delete d.spec.handlers[1].mcpConfig;
            },
            issues: [NO_BLOCK("mcp", "mcpConfig")],
        },
        {
            name: "grpc handler without grpcConfig",
            mutate: (d) => {
                delete d.spec.handlers[2].grpcConfig;
            },
            issues: [NO_BLOCK("grpc", "grpcConfig")],
        },
        {
            name: "openapi handler without openAPIConfig",
            mutate: (d) => {
                delete d.spec.handlers[3].openAPIConfig;
            },
            issues: [NO_BLOCK("openapi", "openAPIConfig")],
        },
        {
            name: "another type's block",
            mutate: (d) => {
                d.spec.handlers[0].grpcConfig = { endpoint: "w:9090" };
            },
            issues: [{ path: "spec.handlers[0].grpcConfig", message: "does not apply to a http handler (it reads httpConfig)" }],
        },
        {
            name: "http handler without tool",
            mutate: (d) => {
                delete d.spec.handlers[0].tool;
            },
            issues: [{ path: "spec.handlers[0].tool", message: "is required for a http handler" }],
        },
        {
            name: "tool without inputSchema",
            mutate: (d) => {
                delete d.spec.handlers[0].tool.inputSchema;
            },
            issues: [{ path: "spec.handlers[0].tool.inputSchema", message: "is required" }],
        },
        {
            name: "tool name with a dash (the CRD's pattern)",
            mutate: (d) => {
                d.spec.handlers[0].tool.name = "get-weather";
            },
            issues: [{ path: "spec.handlers[0].tool.name", message: `must start with a lowercase letter and contain only lowercase letters, digits and '_' (got "get-weather")` }],
        },
        {
            name: "http endpoint without a scheme",
            mutate: (d) => {
                d.spec.handlers[0].httpConfig.endpoint = "weather:8080";
            },
            issues: [
                {
                    path: "spec.handlers[0].httpConfig.endpoint",
                    message: 'must be an http(s) URL such as http://weather.tools.svc.cluster.local:8080/weather (got "weather:8080")',
                },
            ],
        },
        {
            name: "http endpoint with credentials",
            mutate: (d) => {
                d.spec.handlers[0].httpConfig.endpoint = "https://u:p@weather.example.com/w";
            },
            issues: [
                {
                    path: "spec.handlers[0].httpConfig.endpoint",
                    message: `must not carry credentials (user:password@): the tools ConfigMap is stored in plain text; this generation's runtime cannot read tool credentials from a Secret, so reach the tool without them (e.g. through an in-cluster proxy that adds them) (value not shown)`,
                },
            ],
        },
        {
            name: "http auth (dropped by this generation)",
            mutate: (d) => {
                d.spec.handlers[0].httpConfig.authSecretRef = { name: "weather-token", key: "token" };
            },
            issues: [
                {
                    path: "spec.handlers[0].httpConfig.authSecretRef",
                    message:
                        "is not supported by this generation: its runtime takes only a literal token from the plain tools ConfigMap and the operator drops the Secret, so the tool would be called without credentials",
                },
            ],
        },
        {
            name: "grpc endpoint not host:port",
            mutate: (d) => {
                d.spec.handlers[2].grpcConfig.endpoint = "orders";
            },
            issues: [{ path: "spec.handlers[2].grpcConfig.endpoint", message: 'must be host:port such as tools.tools.svc.cluster.local:9090 (got "orders")' }],
        },
        {
            name: "mcp sse without endpoint",
            mutate: (d) => {
                delete d.spec.handlers[1].mcpConfig.endpoint;
            },
            issues: [{ path: "spec.handlers[1].mcpConfig.endpoint", message: 'is required for transport "sse"' }],
        },
        {
            name: "mcp stdio (no program to start in the scratch runtime image)",
            mutate: (d) => {
                d.spec.handlers[1].mcpConfig = { transport: "stdio", command: "/bin/mcp-files" };
            },
            issues: [
                {
                    path: "spec.handlers[1].mcpConfig.transport",
                    message:
                        'is "stdio", which the runtime of this generation cannot start: its image is FROM scratch (no program but the runtime), and one adapter that fails leaves the agent with no tools at all; serve the MCP server over "sse"',
                },
            ],
        },
        {
            name: "timeout without a unit",
            mutate: (d) => {
                d.spec.handlers[0].timeout = "30";
            },
            issues: [{ path: "spec.handlers[0].timeout", message: `${GO_DURATION} (got "30")` }],
        },
        {
            name: "retries 11",
            mutate: (d) => {
                d.spec.handlers[0].retries = 11;
            },
            issues: [{ path: "spec.handlers[0].retries", message: "must be an integer between 0 and 10 (got 11)" }],
        },
        {
            name: "Omnia's sample field tools (not in the CRD)",
            mutate: (d) => {
                d.spec = { tools: [] };
            },
            issues: [
                { path: "spec.handlers", message: "is required" },
                { path: "spec.tools", message: "unknown field" },
            ],
        },
        {
            name: "the old top-level endpoint",
            mutate: (d) => {
                d.spec.handlers[0].endpoint = "http://w";
            },
            issues: [{ path: "spec.handlers[0].endpoint", message: "unknown field" }],
        },
    ]);
});
