// variant=demo: a demo-style agent (memory session, inline provider, echo handler, floating track),
// with its PromptPack declared here so the reference resolves.
// variant=production: the production example (examples/typescript) scaled from minReplicas 2.
import * as pulumi from "@pulumi/pulumi";
import { AgentRuntime, LlmProvider, PromptPack, ToolRegistry } from "../../../../provider/bin";

const config = new pulumi.Config();
const metadata = { namespace: config.require("namespace") };

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
                    prompts: { support: { id: "support", name: "Customer support", version: "2.1.0", system_template: "You are a helpful customer service agent." } },
                },
            },
        ],
    },
});

if (config.get("variant") === "production") {
    const claude = new LlmProvider("claude-production", {
        metadata,
        spec: { type: "claude", model: "claude-sonnet-4-20250514", secretRef: { name: "llm-credentials" }, defaults: { temperature: "0.7", maxTokens: 4096 } },
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
    new AgentRuntime("production-agent", {
        metadata,
        spec: {
            promptPackRef: { name: prompts, version: "2.1.0" },
            providerRef: { name: claude },
            toolRegistryRef: { name: tools },
            facade: { type: "websocket", port: 8080, handler: "runtime" },
            session: { type: "redis", ttl: "24h", storeRef: { name: "redis-credentials" } },
            runtime: {
                replicas: 3,
                resources: { requests: { cpu: "500m", memory: "256Mi" }, limits: { cpu: "1000m", memory: "512Mi" } },
                autoscaling: {
                    enabled: true,
                    type: "keda",
                    minReplicas: 2,
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
} else {
    new AgentRuntime("demo-agent", {
        metadata,
        spec: {
            promptPackRef: { name: prompts, track: "stable" },
            provider: { type: "claude", model: "claude-sonnet-4-20250514", secretRef: { name: "llm-credentials" } },
            facade: { handler: "echo" },
            session: { type: "memory", ttl: "1h" },
        },
    });
}
