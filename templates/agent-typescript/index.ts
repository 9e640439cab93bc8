// An Omnia AI agent: its prompts, its LLM provider and the agent itself, validated before anything is created.
// Before `pulumi up` the cluster needs the namespace and a Secret `redis-credentials` whose key `url`
// is the session store's Redis URL; the stack needs a runtime image (`pulumi config set omnia:runtimeImage`).
import * as pulumi from "@pulumi/pulumi";
import { AgentRuntime, LlmProvider, PromptPack } from "@altairalabs/pulumi-omnia";

const config = new pulumi.Config();
const metadata = { namespace: config.get("namespace") ?? "agents" };
const providerType = config.get("providerType") ?? "claude";
const models: Record<string, string> = { claude: "claude-sonnet-4-20250514", openai: "gpt-4o", gemini: "gemini-2.0-flash" };

const prompts = new PromptPack("assistant-prompts", {
    metadata,
    spec: {
        versions: [
            {
                version: "1.0.0",
                content: {
                    id: "assistant",
                    name: "Assistant",
                    version: "1.0.0",
                    template_engine: { version: "v1", syntax: "{{variable}}" },
                    prompts: { default: { id: "default", name: "Assistant", version: "1.0.0", system_template: "You are a helpful assistant." } },
                },
            },
        ],
    },
});

const provider = new LlmProvider("llm", {
    metadata,
    spec: { type: providerType as "claude" | "openai" | "gemini", model: config.get("model") ?? models[providerType], secretRef: { name: "llm-credentials" } },
    apiKey: config.requireSecret("apiKey"), // creates the Secret llm-credentials; stays secret in the state
});

const agent = new AgentRuntime("assistant", {
    metadata,
    spec: {
        promptPackRef: { name: prompts, version: "1.0.0" },
        providerRef: { name: provider },
        facade: { type: "websocket", port: 8080, handler: "runtime" },
        session: { type: "redis", ttl: "24h", storeRef: { name: "redis-credentials" } },
        runtime: {
            resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1000m", memory: "512Mi" } },
            autoscaling: { enabled: true, type: "hpa", minReplicas: 2, maxReplicas: 5 },
        },
    },
});

export const status = agent.status;
export const endpoint = agent.serviceEndpoint;
