// The source document's production agent, with the PromptPack, LLM provider and ToolRegistry it references.
import * as pulumi from "@pulumi/pulumi";
import { AgentRuntime, LlmProvider, PromptPack, ToolRegistry } from "@altairalabs/pulumi-omnia";

const config = new pulumi.Config();
const metadata = { namespace: config.get("namespace") ?? "agents" };

const prompts = new PromptPack("customer-service-prompts", {
    metadata,
    spec: {
        versions: [
            {
                version: "2.1.0",
                content: {
                    id: "customer-service",
                    name: "Customer service",
                    version: "2.1.0",
                    template_engine: { version: "v1", syntax: "{{variable}}" },
                    // The runtime opens the prompt "default", or the pack's only prompt (here "support").
                    prompts: { support: { id: "support", name: "Customer support", version: "2.1.0", system_template: "You are a helpful customer service agent." } },
                },
            },
        ],
    },
});

const claude = new LlmProvider("claude-production", {
    metadata,
    spec: { type: "claude", model: "claude-sonnet-4-20250514", secretRef: { name: "llm-credentials" }, defaults: { temperature: "0.7", maxTokens: 4096 } },
    // Optional: creates the Secret llm-credentials from a Pulumi secret (kept secret in state).
    apiKey: config.getSecret("anthropicApiKey"),
});

const tools = new ToolRegistry("service-tools", {
    metadata,
    spec: {
        handlers: [
            {
                name: "weather",
                type: "http",
                httpConfig: { endpoint: "http://weather.tools.svc.cluster.local:8080/weather", method: "POST" },
                tool: {
                    name: "get_weather",
                    description: "Current weather for a city",
                    inputSchema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
                },
                timeout: "30s",
            },
        ],
    },
});

const agent = new AgentRuntime("production-agent", {
    metadata,
    spec: {
        promptPackRef: { name: prompts, version: "2.1.0" },
        providerRef: { name: claude },
        toolRegistryRef: { name: tools },
        facade: { type: "websocket", port: 8080, handler: "runtime" },
        session: { type: "redis", ttl: "24h", storeRef: { name: "redis-credentials" } },
        runtime: {
            replicas: 3, // ignored when autoscaling is enabled
            resources: { requests: { cpu: "500m", memory: "256Mi" }, limits: { cpu: "1000m", memory: "512Mi" } },
            autoscaling: {
                enabled: true,
                type: "keda",
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
                                query: `sum(omnia_agent_connections_active{agent="production-agent",namespace="${metadata.namespace}"}) or vector(0)`,
                                threshold: "10",
                            },
                        },
                    ],
                },
            },
        },
    },
});

export const status = agent.status;
export const serviceEndpoint = agent.serviceEndpoint;
export const activeVersion = agent.activeVersion;
