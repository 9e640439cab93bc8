// Shared test inputs: the source document's production example and its resolved references.
import { validateDocument } from "../../provider/src/spec";
import type { ResolvedReferences } from "../../provider/src/render";

export const productionSpec = () => ({
    promptPackRef: { name: "customer-service-prompts", version: "2.1.0" },
    providerRef: { name: "claude-production" },
    toolRegistryRef: { name: "service-tools" },
    facade: { type: "websocket" as const, port: 8080, handler: "runtime" as const },
    session: { type: "redis" as const, ttl: "24h", storeRef: { name: "redis-credentials" } },
    runtime: {
        replicas: 3,
        resources: { requests: { cpu: "500m", memory: "256Mi" }, limits: { cpu: "1000m", memory: "512Mi" } },
        autoscaling: {
            enabled: true,
            type: "keda" as const,
            minReplicas: 1,
            maxReplicas: 20,
            keda: {
                pollingInterval: 15,
                cooldownPeriod: 120,
                triggers: [
                    {
                        type: "prometheus",
                        metadata: {
                            serverAddress: "http://omnia-prometheus-server.omnia-system.svc.cluster.local/prometheus",
                            query: 'sum(omnia_agent_connections_active{agent="production-agent",namespace="agents"}) or vector(0)',
                            threshold: "10",
                        },
                    },
                ],
            },
        },
    },
});

/** The runtime image every runtime-handler test agent uses (Omnia published none; see the README). */
export const RUNTIME_IMAGE = "registry.example.com/omnia-runtime:57f0e470";

/** The production example's tool handler, as validated (defaults applied). */
export const weatherHandler = () => ({
    name: "weather",
    type: "http" as const,
    httpConfig: { endpoint: "http://weather.tools.svc.cluster.local:8080/weather", method: "POST", contentType: "application/json" },
    tool: { name: "get_weather", description: "Weather", inputSchema: { type: "object", properties: { city: { type: "string" } } } },
    timeout: "30s",
    retries: 0,
});

/** A PromptKit pack PromptKit's schema accepts, with one prompt "support". */
export const packContent = (version = "2.1.0") => ({
    id: "customer-service",
    name: "Customer service",
    version,
    template_engine: { version: "v1", syntax: "{{variable}}" },
    prompts: { support: { id: "support", name: "Customer support", version, system_template: "You are a helpful customer service agent." } },
});

/** Validates an AgentRuntime document (namespace agents unless given). */
export function agent(spec: unknown, name = "production-agent", namespace = "agents") {
    return validateDocument("AgentRuntime", name, { metadata: { namespace }, spec, images: { runtime: RUNTIME_IMAGE } });
}

export const productionRefs = (): ResolvedReferences => ({
    promptPack: {
        name: "customer-service-prompts",
        namespace: "agents",
        version: "2.1.0",
        configMapName: "customer-service-prompts-v2.1.0",
        contentHash: "abc",
        promptName: "support",
    },
    provider: {
        type: "claude",
        model: "claude-sonnet-4-20250514",
        secretRef: { name: "llm-credentials" },
        source: { name: "claude-production", namespace: "agents" },
    },
    toolRegistry: {
        name: "service-tools",
        namespace: "agents",
        handlers: [weatherHandler()],
    },
});
