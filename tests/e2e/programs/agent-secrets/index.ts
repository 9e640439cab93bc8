// Credentials through three bindings, all in namespace `namespace`:
//  - direct-agent: LlmProvider in the same namespace, API key from secret config `directKey`;
//  - shared-agent: LlmProvider in `<namespace>-shared`, API key from secret config `sharedKey`;
//  - byo-agent:    LlmProvider in `<namespace>-byo` without apiKey; its Secret `byo-credentials`
//                  (key `api-key`) was created outside Pulumi.
// Imports the built package (npm run build).
import * as pulumi from "@pulumi/pulumi";
import { AgentRuntime, LlmProvider, PromptPack } from "../../../../provider/bin";

const config = new pulumi.Config();
const namespace = config.require("namespace");
const model = "claude-sonnet-4-20250514";

const prompts = new PromptPack("secrets-prompts", {
    metadata: { namespace },
    spec: {
        versions: [
            {
                version: "1.0.0",
                content: {
                    id: "secrets",
                    name: "Secrets",
                    version: "1.0.0",
                    template_engine: { version: "v1", syntax: "{{variable}}" },
                    prompts: { support: { id: "support", name: "Support", version: "1.0.0", system_template: "Be helpful." } },
                },
            },
        ],
    },
});
const direct = new LlmProvider("direct-provider", {
    metadata: { namespace },
    spec: { type: "claude", model, secretRef: { name: "llm-credentials" } },
    apiKey: config.requireSecret("directKey"),
});
const shared = new LlmProvider("shared-provider", {
    metadata: { namespace: `${namespace}-shared` },
    spec: { type: "claude", model, secretRef: { name: "llm-credentials" } },
    apiKey: config.requireSecret("sharedKey"),
});
const byo = new LlmProvider("byo-provider", {
    metadata: { namespace: `${namespace}-byo` },
    spec: { type: "claude", model, secretRef: { name: "byo-credentials", key: "api-key" } },
});

const agent = (name: string, provider: LlmProvider) =>
    new AgentRuntime(name, {
        metadata: { namespace },
        spec: {
            promptPackRef: { name: prompts, version: "1.0.0" },
            providerRef: { name: provider },
            facade: { type: "websocket", port: 8080, handler: "runtime" },
            session: { type: "memory" },
            runtime: { replicas: 1 },
        },
    });
const agents = { direct: agent("direct-agent", direct), shared: agent("shared-agent", shared), byo: agent("byo-agent", byo) };

export const phases = Object.fromEntries(Object.entries(agents).map(([k, a]) => [k, a.status.phase]));
export const conditions = Object.fromEntries(Object.entries(agents).map(([k, a]) => [k, a.status.conditions]));
