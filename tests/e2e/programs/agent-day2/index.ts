// Day-2 changes of one agent, driven by config: model, replicas, autoscaling (none|hpa|keda, with
// minReplicas/maxReplicas), facade port, and an unrelated Deployment annotation. Imports the built package (npm run build).
import * as pulumi from "@pulumi/pulumi";
import { AgentRuntime, LlmProvider, PromptPack, ToolRegistry } from "../../../../provider/bin";

const config = new pulumi.Config();
const namespace = config.require("namespace");
const autoscaling = config.get("autoscaling") ?? "none";
const note = config.get("note");
const metadata = { namespace };

const prompts = new PromptPack("day2-prompts", {
    metadata,
    spec: {
        versions: [
            {
                version: "1.0.0",
                content: {
                    id: "day2",
                    name: "Day 2",
                    version: "1.0.0",
                    template_engine: { version: "v1", syntax: "{{variable}}" },
                    prompts: { support: { id: "support", name: "Support", version: "1.0.0", system_template: "Be helpful." } },
                },
            },
        ],
    },
});
const provider = new LlmProvider("day2-provider", {
    metadata,
    spec: { type: "claude", model: config.get("model") ?? "claude-sonnet-4-20250514", secretRef: { name: "day2-llm-credentials" } },
    apiKey: config.requireSecret("anthropicApiKey"),
});
const tools = new ToolRegistry("day2-tools", {
    metadata,
    spec: {
        handlers: [
            {
                name: "weather",
                type: "http",
                httpConfig: { endpoint: "http://weather.tools.svc.cluster.local:8080/weather" },
                tool: { name: "get_weather", description: "Weather", inputSchema: { type: "object" } },
            },
        ],
    },
});

const agent = new AgentRuntime("day2-agent", {
    metadata: { namespace, ...(note ? { annotations: { "e2e.omnia.altairalabs.ai/note": note } } : {}) },
    spec: {
        promptPackRef: { name: prompts, version: "1.0.0" },
        providerRef: { name: provider },
        toolRegistryRef: { name: tools },
        facade: { type: "websocket", port: config.getNumber("facadePort") ?? 8080, handler: "runtime" },
        session: { type: "redis", ttl: "24h", storeRef: { name: "redis-credentials" } },
        runtime: {
            replicas: config.getNumber("replicas") ?? 2,
            resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
            autoscaling:
                autoscaling === "none"
                    ? { enabled: false }
                    : {
                          enabled: true,
                          type: autoscaling === "hpa" ? "hpa" : "keda",
                          minReplicas: config.getNumber("minReplicas") ?? 2,
                          maxReplicas: config.getNumber("maxReplicas") ?? 6,
                      },
        },
    },
});

export const status = agent.status;
export const serviceEndpoint = agent.serviceEndpoint;
export const activeVersion = agent.activeVersion;
