// Spec validation: a compliant baseline per kind, then one change per case, asserting the exact
// issues reported (path + message), so every row proves its rule and that nothing else fires.
import { strict as assert } from "assert";
import { productionSpec } from "../fixtures";
import { validateDocument, SpecValidationError, SpecIssue, Kind } from "../../../provider/src/spec";

type Doc = { metadata?: any; spec?: any };

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
const NEEDS_PROVIDER = 'is required (or an inline provider) for handler "runtime"; handlers "demo" and "echo" need none';


/** The source document's production example: compliant, every subtree present. */
function productionAgent(): Doc {
    return { metadata: { name: "production-agent", namespace: "agents" }, spec: productionSpec() as any };
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
        // Only the hpa-only defaults are added; everything given comes back as given.
        const expected = productionAgent().spec;
        Object.assign(expected.runtime.autoscaling, {
            targetMemoryUtilizationPercentage: 70,
            targetCPUUtilizationPercentage: 90,
            scaleDownStabilizationSeconds: 300,
        });
        assert.deepEqual(doc.spec, expected);
    });

    it("fills in every default of a minimal spec", () => {
        const doc = validateDocument("AgentRuntime", "my-agent", {
            spec: { promptPackRef: { name: "customer-service-prompts" }, providerRef: { name: "claude-production" } },
        });
        assert.deepEqual(doc, {
            metadata: { name: "my-agent", namespace: "default" },
            spec: {
                promptPackRef: { name: "customer-service-prompts" },
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
        });
    });

    it("takes metadata.name from the document over the resource name", () => {
        const doc = validateDocument("AgentRuntime", "pulumi-name", { ...productionAgent(), metadata: { name: "k8s-name" } });
        assert.deepEqual(doc.metadata, { name: "k8s-name", namespace: "default" });
    });

    describe("valid variations of the baseline", () => {
        const valid: { name: string; mutate: (d: any) => void }[] = [
            { name: 'handler "demo" without any provider', mutate: (d) => { d.spec.facade.handler = "demo"; delete d.spec.providerRef; } },
            { name: 'handler "echo" without any provider', mutate: (d) => { d.spec.facade.handler = "echo"; delete d.spec.providerRef; } },
            { name: "inline provider instead of providerRef", mutate: (d) => { delete d.spec.providerRef; d.spec.provider = { type: "auto", secretRef: { name: "llm-credentials" }, defaults: { temperature: "2", topP: "0", maxTokens: 1 } }; } },
            { name: "providerRef and inline provider together (providerRef wins)", mutate: (d) => { d.spec.provider = { type: "openai", secretRef: { name: "llm-credentials", key: "KEY" } }; } },
            { name: "track instead of version", mutate: (d) => { delete d.spec.promptPackRef.version; d.spec.promptPackRef.track = "canary"; } },
            { name: "prerelease version", mutate: (d) => { d.spec.promptPackRef.version = "2.2.0-rc.1"; } },
            { name: "minReplicas 0 with keda (scale to zero)", mutate: (d) => { d.spec.runtime.autoscaling.minReplicas = 0; } },
            { name: "maxReplicas equal to minReplicas", mutate: (d) => { d.spec.runtime.autoscaling.minReplicas = 20; } },
            { name: "facade.port 65535", mutate: (d) => { d.spec.facade.port = 65535; } },
            { name: "session.ttl 1h30m", mutate: (d) => { d.spec.session.ttl = "1h30m"; } },
            { name: "memory session without storeRef", mutate: (d) => { d.spec.session = { type: "memory" }; } },
            { name: "replicas 0", mutate: (d) => { d.spec.runtime.replicas = 0; } },
            { name: "numeric quantities", mutate: (d) => { d.spec.runtime.resources.requests = { cpu: 0.5, memory: "1Gi", "nvidia.com/gpu": 1 }; } },
            { name: "a valid cron trigger", mutate: (d) => { d.spec.runtime.autoscaling.keda.triggers.push(structuredClone(CRON_TRIGGER)); } },
            { name: "an unchecked trigger type passes through", mutate: (d) => { d.spec.runtime.autoscaling.keda.triggers.push({ type: "rabbitmq", metadata: { queueName: "q" } }); } },
            { name: "tolerations and nodeSelector", mutate: (d) => { d.spec.runtime.nodeSelector = { pool: "agents" }; d.spec.runtime.tolerations = [{ key: "gpu", operator: "Exists", effect: "NoExecute", tolerationSeconds: 60 }]; } },
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
            { name: "unknown field in spec", mutate: (d) => { d.spec.replica = 2; }, issues: [{ path: "spec.replica", message: "unknown field" }] },
            { name: "unknown field in facade", mutate: (d) => { d.spec.facade.protocol = "ws"; }, issues: [{ path: "spec.facade.protocol", message: "unknown field" }] },
            { name: "unknown field in autoscaling.keda", mutate: (d) => { d.spec.runtime.autoscaling.keda.minReplicaCount = 0; }, issues: [{ path: "spec.runtime.autoscaling.keda.minReplicaCount", message: "unknown field" }] },
            { name: "unknown field in a trigger", mutate: (d) => { d.spec.runtime.autoscaling.keda.triggers[0].name = "connections"; }, issues: [{ path: `${TRIGGER0}.name`, message: "unknown field" }] },
            { name: "unknown field in metadata", mutate: (d) => { d.metadata.uid = "1234"; }, issues: [{ path: "metadata.uid", message: "unknown field" }] },
            { name: "unknown field in resources", mutate: (d) => { d.spec.runtime.resources.claims = []; }, issues: [{ path: "spec.runtime.resources.claims", message: "unknown field" }] },
            { name: "unknown field in providerRef", mutate: (d) => { d.spec.providerRef.kind = "Provider"; }, issues: [{ path: "spec.providerRef.kind", message: "unknown field" }] },
            { name: "unknown field in session.storeRef", mutate: (d) => { d.spec.session.storeRef.key = "url"; }, issues: [{ path: "spec.session.storeRef.key", message: "unknown field" }] },

            // Required fields.
            { name: "promptPackRef missing", mutate: (d) => { delete d.spec.promptPackRef; }, issues: [{ path: "spec.promptPackRef", message: "is required" }] },
            { name: "promptPackRef.name missing", mutate: (d) => { delete d.spec.promptPackRef.name; }, issues: [{ path: "spec.promptPackRef.name", message: "is required" }] },
            { name: "providerRef.name missing", mutate: (d) => { d.spec.providerRef = {}; }, issues: [{ path: "spec.providerRef.name", message: "is required" }] },

            // Names.
            { name: "promptPackRef.name uppercase", mutate: (d) => { d.spec.promptPackRef.name = "Customer-Service"; }, issues: [{ path: "spec.promptPackRef.name", message: `${DNS_NAME} (got "Customer-Service")` }] },
            { name: "metadata.name not a DNS label", mutate: (d) => { d.metadata.name = "Production_Agent"; }, issues: [{ path: "metadata.name", message: `${DNS_LABEL} (got "Production_Agent")` }] },
            { name: "metadata.name longer than 63", mutate: (d) => { d.metadata.name = "a".repeat(64); }, issues: [{ path: "metadata.name", message: `${DNS_LABEL} (got "${"a".repeat(56)}...)` }] },
            { name: "metadata.namespace with a dot", mutate: (d) => { d.metadata.namespace = "agents.prod"; }, issues: [{ path: "metadata.namespace", message: `${DNS_LABEL} (got "agents.prod")` }] },
            { name: "toolRegistryRef.namespace uppercase", mutate: (d) => { d.spec.toolRegistryRef.namespace = "Tools"; }, issues: [{ path: "spec.toolRegistryRef.namespace", message: `${DNS_LABEL} (got "Tools")` }] },
            { name: "metadata.labels value not a string", mutate: (d) => { d.metadata.labels = { tier: 1 }; }, issues: [{ path: "metadata.labels.tier", message: "must be a string (got 1)" }] },

            // promptPackRef version / track.
            { name: "promptPackRef.version not semver", mutate: (d) => { d.spec.promptPackRef.version = "2.1"; }, issues: [{ path: "spec.promptPackRef.version", message: 'must be a semantic version such as "2.1.0" (got "2.1")' }] },
            { name: "promptPackRef.version with a v prefix", mutate: (d) => { d.spec.promptPackRef.version = "v2.1.0"; }, issues: [{ path: "spec.promptPackRef.version", message: 'must be a semantic version such as "2.1.0" (got "v2.1.0")' }] },
            { name: "promptPackRef version and track together", mutate: (d) => { d.spec.promptPackRef.track = "canary"; }, issues: [{ path: "spec.promptPackRef.track", message: 'is mutually exclusive with version (got version "2.1.0" and track "canary")' }] },

            // Inline provider.
            { name: "provider.type not in the enum", mutate: (d) => { d.spec.provider = { type: "mistral", secretRef: { name: "llm-credentials" } }; }, issues: [{ path: "spec.provider.type", message: 'must be one of "claude", "openai", "gemini", "auto" (got "mistral")' }] },
            // Unclear (reported): a missing enum says "must be one of" rather than "is required".
            { name: "provider.type missing", mutate: (d) => { d.spec.provider = { secretRef: { name: "llm-credentials" } }; }, issues: [{ path: "spec.provider.type", message: "is required" }] },
            { name: "provider.secretRef missing", mutate: (d) => { d.spec.provider = { type: "claude" }; }, issues: [{ path: "spec.provider.secretRef", message: "is required" }] },
            { name: "provider.secretRef.name missing", mutate: (d) => { d.spec.provider = { type: "claude", secretRef: {} }; }, issues: [{ path: "spec.provider.secretRef.name", message: "is required" }] },
            { name: "temperature above 2", mutate: (d) => { d.spec.provider = inlineProvider({ temperature: "2.5" }); }, issues: [{ path: "spec.provider.defaults.temperature", message: 'must be a decimal string between 0 and 2 such as "0.7" (got "2.5")' }] },
            { name: "temperature negative", mutate: (d) => { d.spec.provider = inlineProvider({ temperature: "-0.1" }); }, issues: [{ path: "spec.provider.defaults.temperature", message: 'must be a decimal string between 0 and 2 such as "0.7" (got "-0.1")' }] },
            { name: "temperature not a decimal", mutate: (d) => { d.spec.provider = inlineProvider({ temperature: "warm" }); }, issues: [{ path: "spec.provider.defaults.temperature", message: 'must be a decimal string between 0 and 2 such as "0.7" (got "warm")' }] },
            { name: "temperature as a number", mutate: (d) => { d.spec.provider = inlineProvider({ temperature: 0.7 }); }, issues: [{ path: "spec.provider.defaults.temperature", message: "must be a string (got 0.7)" }] },
            { name: "topP above 1", mutate: (d) => { d.spec.provider = inlineProvider({ topP: "1.5" }); }, issues: [{ path: "spec.provider.defaults.topP", message: 'must be a decimal string between 0 and 1 such as "0.7" (got "1.5")' }] },
            { name: "maxTokens 0", mutate: (d) => { d.spec.provider = inlineProvider({ maxTokens: 0 }); }, issues: [{ path: "spec.provider.defaults.maxTokens", message: "must be an integer >= 1 (got 0)" }] },
            { name: "maxTokens not an integer", mutate: (d) => { d.spec.provider = inlineProvider({ maxTokens: 1.5 }); }, issues: [{ path: "spec.provider.defaults.maxTokens", message: "must be an integer >= 1 (got 1.5)" }] },
            { name: "maxTokens as a string", mutate: (d) => { d.spec.provider = inlineProvider({ maxTokens: "4096" }); }, issues: [{ path: "spec.provider.defaults.maxTokens", message: 'must be an integer >= 1 (got "4096")' }] },

            // Facade.
            { name: "facade.port 0", mutate: (d) => { d.spec.facade.port = 0; }, issues: [{ path: "spec.facade.port", message: "must be an integer between 1 and 65535 (got 0)" }] },
            { name: "facade.port 70000", mutate: (d) => { d.spec.facade.port = 70000; }, issues: [{ path: "spec.facade.port", message: "must be an integer between 1 and 65535 (got 70000)" }] },
            { name: "facade.port 8081 (facade health)", mutate: (d) => { d.spec.facade.port = 8081; }, issues: [{ path: "spec.facade.port", message: `${RESERVED_PORT} (got 8081)` }] },
            { name: "facade.port 9000 (runtime gRPC)", mutate: (d) => { d.spec.facade.port = 9000; }, issues: [{ path: "spec.facade.port", message: `${RESERVED_PORT} (got 9000)` }] },
            { name: "facade.port 9001 (runtime health)", mutate: (d) => { d.spec.facade.port = 9001; }, issues: [{ path: "spec.facade.port", message: `${RESERVED_PORT} (got 9001)` }] },
            { name: "facade.port not an integer", mutate: (d) => { d.spec.facade.port = 8080.5; }, issues: [{ path: "spec.facade.port", message: "must be an integer between 1 and 65535 (got 8080.5)" }] },
            { name: "facade.port as a string", mutate: (d) => { d.spec.facade.port = "8080"; }, issues: [{ path: "spec.facade.port", message: 'must be an integer between 1 and 65535 (got "8080")' }] },
            { name: "facade.type not websocket", mutate: (d) => { d.spec.facade.type = "http"; }, issues: [{ path: "spec.facade.type", message: 'must be one of "websocket" (got "http")' }] },
            { name: "facade.handler not in the enum", mutate: (d) => { d.spec.facade.handler = "llm"; }, issues: [{ path: "spec.facade.handler", message: 'must be one of "runtime", "demo", "echo" (got "llm")' }] },
            { name: 'handler "runtime" without any provider', mutate: (d) => { delete d.spec.providerRef; }, issues: [{ path: "spec.providerRef", message: NEEDS_PROVIDER }] },

            // Session.
            { name: "session.type not in the enum", mutate: (d) => { d.spec.session.type = "mongo"; }, issues: [{ path: "spec.session.type", message: 'must be one of "memory", "redis", "postgres" (got "mongo")' }] },
            { name: 'session.ttl "1d" (no day unit in Go)', mutate: (d) => { d.spec.session.ttl = "1d"; }, issues: [{ path: "spec.session.ttl", message: `${GO_DURATION} (got "1d")` }] },
            { name: 'session.ttl "0s" (not positive)', mutate: (d) => { d.spec.session.ttl = "0s"; }, issues: [{ path: "spec.session.ttl", message: `${GO_DURATION} (got "0s")` }] },
            { name: 'session.ttl "abc"', mutate: (d) => { d.spec.session.ttl = "abc"; }, issues: [{ path: "spec.session.ttl", message: `${GO_DURATION} (got "abc")` }] },
            { name: "session.ttl empty", mutate: (d) => { d.spec.session.ttl = ""; }, issues: [{ path: "spec.session.ttl", message: `${GO_DURATION} (got "")` }] },
            { name: "session.ttl as a number", mutate: (d) => { d.spec.session.ttl = 3600; }, issues: [{ path: "spec.session.ttl", message: "must be a string (got 3600)" }] },
            { name: "redis session without storeRef", mutate: (d) => { delete d.spec.session.storeRef; }, issues: [{ path: "spec.session.storeRef", message: 'is required for session type "redis"' }] },
            { name: "postgres session without storeRef", mutate: (d) => { d.spec.session = { type: "postgres", ttl: "24h" }; }, issues: [{ path: "spec.session.storeRef", message: 'is required for session type "postgres"' }] },

            // Runtime.
            { name: "replicas -1", mutate: (d) => { d.spec.runtime.replicas = -1; }, issues: [{ path: "spec.runtime.replicas", message: "must be an integer >= 0 (got -1)" }] },
            { name: "replicas 1.5", mutate: (d) => { d.spec.runtime.replicas = 1.5; }, issues: [{ path: "spec.runtime.replicas", message: "must be an integer >= 0 (got 1.5)" }] },
            { name: 'resources quantity "lots"', mutate: (d) => { d.spec.runtime.resources.requests.cpu = "lots"; }, issues: [{ path: "spec.runtime.resources.requests.cpu", message: `${QUANTITY} (got "lots")` }] },
            { name: 'resources quantity "1.2.3Gi"', mutate: (d) => { d.spec.runtime.resources.limits.memory = "1.2.3Gi"; }, issues: [{ path: "spec.runtime.resources.limits.memory", message: `${QUANTITY} (got "1.2.3Gi")` }] },
            { name: "toleration operator not in the enum", mutate: (d) => { d.spec.runtime.tolerations = [{ key: "gpu", operator: "In", effect: "NoSchedule" }]; }, issues: [{ path: "spec.runtime.tolerations[0].operator", message: 'must be one of "Exists", "Equal" (got "In")' }] },
            { name: "toleration effect not in the enum", mutate: (d) => { d.spec.runtime.tolerations = [{ key: "gpu", operator: "Exists", effect: "Never" }]; }, issues: [{ path: "spec.runtime.tolerations[0].effect", message: 'must be one of "NoSchedule", "PreferNoSchedule", "NoExecute" (got "Never")' }] },
            { name: "tolerationSeconds not an integer", mutate: (d) => { d.spec.runtime.tolerations = [{ key: "gpu", operator: "Exists", effect: "NoExecute", tolerationSeconds: 1.5 }]; }, issues: [{ path: "spec.runtime.tolerations[0].tolerationSeconds", message: "must be an integer (got 1.5)" }] },
            { name: "nodeSelector value not a string", mutate: (d) => { d.spec.runtime.nodeSelector = { gpu: true }; }, issues: [{ path: "spec.runtime.nodeSelector.gpu", message: "must be a string (got true)" }] },

            // Autoscaling.
            { name: "minReplicas 0 with hpa", mutate: (d) => { d.spec.runtime.autoscaling = { enabled: true, type: "hpa", minReplicas: 0 }; }, issues: [{ path: "spec.runtime.autoscaling.minReplicas", message: '0 is only allowed with type "keda" (got type "hpa")' }] },
            { name: "minReplicas 0 with the default type (hpa)", mutate: (d) => { d.spec.runtime.autoscaling = { enabled: true, minReplicas: 0 }; }, issues: [{ path: "spec.runtime.autoscaling.minReplicas", message: '0 is only allowed with type "keda" (got type "hpa")' }] },
            { name: "maxReplicas below minReplicas", mutate: (d) => { d.spec.runtime.autoscaling.minReplicas = 21; }, issues: [{ path: "spec.runtime.autoscaling.maxReplicas", message: "must be >= minReplicas 21 (got 20)" }] },
            // Unclear (reported): both the range and the cross-field rule fire on the same path.
            { name: "maxReplicas 0", mutate: (d) => { d.spec.runtime.autoscaling.maxReplicas = 0; }, issues: [{ path: "spec.runtime.autoscaling.maxReplicas", message: "must be an integer >= 1 (got 0)" }, { path: "spec.runtime.autoscaling.maxReplicas", message: "must be >= minReplicas 1 (got 0)" }] },
            { name: "targetMemoryUtilizationPercentage 0", mutate: (d) => { d.spec.runtime.autoscaling.targetMemoryUtilizationPercentage = 0; }, issues: [{ path: "spec.runtime.autoscaling.targetMemoryUtilizationPercentage", message: "must be an integer between 1 and 100 (got 0)" }] },
            { name: "targetMemoryUtilizationPercentage 101", mutate: (d) => { d.spec.runtime.autoscaling.targetMemoryUtilizationPercentage = 101; }, issues: [{ path: "spec.runtime.autoscaling.targetMemoryUtilizationPercentage", message: "must be an integer between 1 and 100 (got 101)" }] },
            { name: "targetCPUUtilizationPercentage 0", mutate: (d) => { d.spec.runtime.autoscaling.targetCPUUtilizationPercentage = 0; }, issues: [{ path: "spec.runtime.autoscaling.targetCPUUtilizationPercentage", message: "must be an integer between 1 and 100 (got 0)" }] },
            { name: "targetCPUUtilizationPercentage 101", mutate: (d) => { d.spec.runtime.autoscaling.targetCPUUtilizationPercentage = 101; }, issues: [{ path: "spec.runtime.autoscaling.targetCPUUtilizationPercentage", message: "must be an integer between 1 and 100 (got 101)" }] },
            { name: "scaleDownStabilizationSeconds 3601", mutate: (d) => { d.spec.runtime.autoscaling.scaleDownStabilizationSeconds = 3601; }, issues: [{ path: "spec.runtime.autoscaling.scaleDownStabilizationSeconds", message: "must be an integer between 0 and 3600 (got 3601)" }] },
            { name: "autoscaling.enabled not a boolean", mutate: (d) => { d.spec.runtime.autoscaling.enabled = "yes"; }, issues: [{ path: "spec.runtime.autoscaling.enabled", message: 'must be a boolean (got "yes")' }] },
            { name: "autoscaling.type not in the enum", mutate: (d) => { d.spec.runtime.autoscaling.type = "vpa"; }, issues: [{ path: "spec.runtime.autoscaling.type", message: 'must be one of "hpa", "keda" (got "vpa")' }] },

            // KEDA.
            { name: "keda.pollingInterval 0", mutate: (d) => { d.spec.runtime.autoscaling.keda.pollingInterval = 0; }, issues: [{ path: "spec.runtime.autoscaling.keda.pollingInterval", message: "must be an integer >= 1 (got 0)" }] },
            { name: "keda.cooldownPeriod -1", mutate: (d) => { d.spec.runtime.autoscaling.keda.cooldownPeriod = -1; }, issues: [{ path: "spec.runtime.autoscaling.keda.cooldownPeriod", message: "must be an integer >= 0 (got -1)" }] },
            { name: "trigger type missing", mutate: (d) => { delete d.spec.runtime.autoscaling.keda.triggers[0].type; }, issues: [{ path: `${TRIGGER0}.type`, message: "is required" }] },
            { name: "prometheus trigger without serverAddress", mutate: (d) => { delete d.spec.runtime.autoscaling.keda.triggers[0].metadata.serverAddress; }, issues: [{ path: `${TRIGGER0}.metadata.serverAddress`, message: "is required for a prometheus trigger" }] },
            { name: "prometheus serverAddress not a URL", mutate: (d) => { d.spec.runtime.autoscaling.keda.triggers[0].metadata.serverAddress = "prometheus:9090"; }, issues: [{ path: `${TRIGGER0}.metadata.serverAddress`, message: 'must be an http(s) URL (got "prometheus:9090")' }] },
            { name: "prometheus trigger without query", mutate: (d) => { delete d.spec.runtime.autoscaling.keda.triggers[0].metadata.query; }, issues: [{ path: `${TRIGGER0}.metadata.query`, message: "is required for a prometheus trigger" }] },
            { name: "prometheus query blank", mutate: (d) => { d.spec.runtime.autoscaling.keda.triggers[0].metadata.query = "  "; }, issues: [{ path: `${TRIGGER0}.metadata.query`, message: 'must not be empty (got "  ")' }] },
            { name: "prometheus trigger without threshold", mutate: (d) => { delete d.spec.runtime.autoscaling.keda.triggers[0].metadata.threshold; }, issues: [{ path: `${TRIGGER0}.metadata.threshold`, message: "is required for a prometheus trigger" }] },
            { name: "prometheus threshold not numeric", mutate: (d) => { d.spec.runtime.autoscaling.keda.triggers[0].metadata.threshold = "ten"; }, issues: [{ path: `${TRIGGER0}.metadata.threshold`, message: 'must be a number written as a string, e.g. "10" (got "ten")' }] },
            {
                name: "prometheus trigger without metadata",
                mutate: (d) => { delete d.spec.runtime.autoscaling.keda.triggers[0].metadata; },
                issues: [
                    { path: `${TRIGGER0}.metadata.serverAddress`, message: "is required for a prometheus trigger" },
                    { path: `${TRIGGER0}.metadata.query`, message: "is required for a prometheus trigger" },
                    { path: `${TRIGGER0}.metadata.threshold`, message: "is required for a prometheus trigger" },
                ],
            },
            { name: "trigger metadata value a number", mutate: (d) => { d.spec.runtime.autoscaling.keda.triggers[0].metadata.threshold = 10; }, issues: [{ path: `${TRIGGER0}.metadata.threshold`, message: "must be a string (got 10)" }] },
            { name: "trigger metadata value a boolean", mutate: (d) => { d.spec.runtime.autoscaling.keda.triggers[0].metadata.activationThreshold = true; }, issues: [{ path: `${TRIGGER0}.metadata.activationThreshold`, message: "must be a string (got true)" }] },
            { name: "cron trigger with an invalid timezone", mutate: withCron({ timezone: "Mars/Olympus" }), issues: [{ path: `${TRIGGER1}.metadata.timezone`, message: 'must be an IANA time zone such as "America/New_York" (got "Mars/Olympus")' }] },
            { name: "cron trigger with a bad start expression", mutate: withCron({ start: "0 25 * * *" }), issues: [{ path: `${TRIGGER1}.metadata.start`, message: 'must be a 5-field cron expression such as "0 8 * * 1-5" (got "0 25 * * *")' }] },
            { name: "cron trigger with a 6-field start expression", mutate: withCron({ start: "0 0 8 * * 1-5" }), issues: [{ path: `${TRIGGER1}.metadata.start`, message: 'must be a 5-field cron expression such as "0 8 * * 1-5" (got "0 0 8 * * 1-5")' }] },
            { name: "cron trigger without end", mutate: withCron({ end: undefined }), issues: [{ path: `${TRIGGER1}.metadata.end`, message: "is required for a cron trigger" }] },
            { name: 'cron desiredReplicas "five"', mutate: withCron({ desiredReplicas: "five" }), issues: [{ path: `${TRIGGER1}.metadata.desiredReplicas`, message: 'must be an integer written as a string, e.g. "5" (got "five")' }] },
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
                { version: "2.1.0", content: { id: "customer-service", name: "Customer service", version: "2.1.0", template_engine: "go", prompts: {} } },
                { version: "2.2.0-rc.1", configMapRef: { name: "cs-prompts-rc" } },
            ],
            tracks: { canary: "2.2.0-rc.1" },
        },
    };
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
                    endpoint: "http://weather.tools.svc.cluster.local:8080/weather",
                    tool: { name: "get_weather", description: "Current weather for a city", inputSchema: { type: "object" } },
                    timeout: "30s",
                },
                { name: "docs", type: "mcp", endpoint: "http://docs-mcp.tools.svc.cluster.local:8080/mcp" },
            ],
        },
    };
}

describe("PromptPack spec validation", () => {
    it("accepts the baseline", () => {
        assert.deepEqual(issuesOf("PromptPack", "customer-service-prompts", customerServicePrompts()), []);
    });

    runTable("PromptPack", "customer-service-prompts", customerServicePrompts, [
        // Unclear (reported): the custom message already names the value, then "(got ...)" repeats it.
        { name: "duplicate version", mutate: (d) => { d.spec.versions.push({ version: "2.1.0", configMapRef: { name: "cs-prompts-old" } }); }, issues: [{ path: "spec.versions[2].version", message: 'duplicates version "2.1.0"' }] },
        { name: "track pointing at an unpublished version", mutate: (d) => { d.spec.tracks.canary = "3.0.0"; }, issues: [{ path: "spec.tracks.canary", message: 'points at version "3.0.0", which is not published (published: 2.1.0, 2.2.0-rc.1)' }] },
        { name: "track pointing at a non-semver version", mutate: (d) => { d.spec.tracks.canary = "latest"; }, issues: [{ path: "spec.tracks.canary", message: 'must be a semantic version such as "2.1.0" (got "latest")' }] },
        { name: "both content and configMapRef", mutate: (d) => { d.spec.versions[0].configMapRef = { name: "cs-prompts" }; }, issues: [{ path: "spec.versions[0].content", message: "exactly one of content and configMapRef must be given" }] },
        { name: "neither content nor configMapRef", mutate: (d) => { delete d.spec.versions[1].configMapRef; }, issues: [{ path: "spec.versions[1].content", message: "exactly one of content and configMapRef must be given" }] },
        { name: "content.version differs from the published version", mutate: (d) => { d.spec.versions[0].content.version = "2.0.0"; }, issues: [{ path: "spec.versions[0].content.version", message: 'must equal the version "2.1.0" it is published as (got "2.0.0")' }] },
        { name: "version not semver", mutate: (d) => { d.spec.versions[0].version = "2.1"; d.spec.versions[0].content.version = "2.1"; }, issues: [{ path: "spec.versions[0].version", message: 'must be a semantic version such as "2.1.0" (got "2.1")' }] },
        { name: "empty versions", mutate: (d) => { d.spec = { versions: [] }; }, issues: [{ path: "spec.versions", message: "must list at least one version" }] },
        { name: "versions missing", mutate: (d) => { d.spec = {}; }, issues: [{ path: "spec.versions", message: "is required" }] },
        { name: "configMapRef.name uppercase", mutate: (d) => { d.spec.versions[1].configMapRef.name = "CS-Prompts"; }, issues: [{ path: "spec.versions[1].configMapRef.name", message: `${DNS_NAME} (got "CS-Prompts")` }] },
        { name: "unknown field in spec", mutate: (d) => { d.spec.latest = "2.1.0"; }, issues: [{ path: "spec.latest", message: "unknown field" }] },
    ]);

    it("an invalid track name names the rule and the offending key", () => {
        const doc = structuredClone(customerServicePrompts());
        doc.spec.tracks = { Canary: "2.2.0-rc.1" };
        assert.deepEqual(issuesOf("PromptPack", "customer-service-prompts", doc), [
            { path: "spec.tracks.Canary", message: `track name ${DNS_LABEL} (got "Canary")` },
        ]);
    });
});

describe("Provider spec validation", () => {
    it("accepts the baseline", () => {
        assert.deepEqual(issuesOf("Provider", "claude-production", claudeProduction()), []);
    });

    runTable("Provider", "claude-production", claudeProduction, [
        { name: "type not in the enum", mutate: (d) => { d.spec.type = "mistral"; }, issues: [{ path: "spec.type", message: 'must be one of "claude", "openai", "gemini", "auto" (got "mistral")' }] },
        { name: "type missing", mutate: (d) => { delete d.spec.type; }, issues: [{ path: "spec.type", message: "is required" }] },
        { name: "baseURL not a URL", mutate: (d) => { d.spec.baseURL = "not a url"; }, issues: [{ path: "spec.baseURL", message: 'must be an http(s) URL (got "not a url")' }] },
        { name: "baseURL without a scheme", mutate: (d) => { d.spec.baseURL = "api.anthropic.com"; }, issues: [{ path: "spec.baseURL", message: 'must be an http(s) URL (got "api.anthropic.com")' }] },
        { name: "baseURL with an ftp scheme", mutate: (d) => { d.spec.baseURL = "ftp://api.example.com"; }, issues: [{ path: "spec.baseURL", message: 'must be an http(s) URL (got "ftp://api.example.com")' }] },
        { name: "secretRef missing", mutate: (d) => { delete d.spec.secretRef; }, issues: [{ path: "spec.secretRef", message: "is required" }] },
        { name: "secretRef.name not a DNS name", mutate: (d) => { d.spec.secretRef.name = "LLM_creds"; }, issues: [{ path: "spec.secretRef.name", message: `${DNS_NAME} (got "LLM_creds")` }] },
        { name: "temperature not a decimal", mutate: (d) => { d.spec.defaults.temperature = "hot"; }, issues: [{ path: "spec.defaults.temperature", message: 'must be a decimal string between 0 and 2 such as "0.7" (got "hot")' }] },
        { name: "temperature 3", mutate: (d) => { d.spec.defaults.temperature = "3"; }, issues: [{ path: "spec.defaults.temperature", message: 'must be a decimal string between 0 and 2 such as "0.7" (got "3")' }] },
        { name: "unknown field (a literal key)", mutate: (d) => { d.spec.apiKey = "sk-..."; }, issues: [{ path: "spec.apiKey", message: "unknown field" }] },
    ]);
});

describe("ToolRegistry spec validation", () => {
    it("accepts the baseline", () => {
        assert.deepEqual(issuesOf("ToolRegistry", "service-tools", serviceTools()), []);
    });

    runTable("ToolRegistry", "service-tools", serviceTools, [
        { name: "duplicate handler names", mutate: (d) => { d.spec.handlers[1].name = "weather"; }, issues: [{ path: "spec.handlers[1].name", message: 'duplicates handler "weather"' }] },
        { name: "handler name not a DNS label", mutate: (d) => { d.spec.handlers[0].name = "Weather_API"; }, issues: [{ path: "spec.handlers[0].name", message: `${DNS_LABEL} (got "Weather_API")` }] },
        { name: "handler type not in the enum", mutate: (d) => { d.spec.handlers[0].type = "soap"; }, issues: [{ path: "spec.handlers[0].type", message: 'must be one of "http", "grpc", "mcp", "openapi" (got "soap")' }] },
        { name: "http handler without tool", mutate: (d) => { delete d.spec.handlers[0].tool; }, issues: [{ path: "spec.handlers[0].tool", message: "is required for a http handler" }] },
        { name: "grpc handler without tool", mutate: (d) => { d.spec.handlers[1].type = "grpc"; }, issues: [{ path: "spec.handlers[1].tool", message: "is required for a grpc handler" }] },
        { name: "endpoint without a scheme", mutate: (d) => { d.spec.handlers[0].endpoint = "weather:8080"; }, issues: [{ path: "spec.handlers[0].endpoint", message: 'must be a URL such as http://weather.tools.svc.cluster.local:8080/weather (got "weather:8080")' }] },
        { name: "endpoint missing", mutate: (d) => { delete d.spec.handlers[0].endpoint; }, issues: [{ path: "spec.handlers[0].endpoint", message: "is required" }] },
        { name: "timeout without a unit", mutate: (d) => { d.spec.handlers[0].timeout = "30"; }, issues: [{ path: "spec.handlers[0].timeout", message: `${GO_DURATION} (got "30")` }] },
        { name: "empty handlers", mutate: (d) => { d.spec.handlers = []; }, issues: [{ path: "spec.handlers", message: "must list at least one handler" }] },
        { name: "tool name with a space", mutate: (d) => { d.spec.handlers[0].tool.name = "get weather"; }, issues: [{ path: "spec.handlers[0].tool.name", message: "must be 1-64 letters, digits, '_' or '-' (got \"get weather\")" }] },
        { name: "unknown field in a handler", mutate: (d) => { d.spec.handlers[0].retries = 3; }, issues: [{ path: "spec.handlers[0].retries", message: "unknown field" }] },
    ]);
});
