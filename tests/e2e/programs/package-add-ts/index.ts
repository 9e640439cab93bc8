// An agent with the PromptPack and LlmProvider it references, through the SDK `pulumi package add`
// generated into sdks/omnia (package.json depends on it as file:sdks/omnia). TypeScript programs
// usually import the component package itself; this one checks the generated SDK.
import * as pulumi from "@pulumi/pulumi";
import * as omnia from "@altairalabs/pulumi-omnia-sdk";

const config = new pulumi.Config();
const metadata = { namespace: config.require("namespace") };

const prompts = new omnia.PromptPack("pkgadd-ts-prompts", {
    metadata,
    spec: {
        versions: [
            {
                version: "1.0.0",
                content: {
                    id: "pkgadd",
                    name: "Package add",
                    version: "1.0.0",
                    template_engine: { version: "v1", syntax: "{{variable}}" },
                    prompts: { support: { id: "support", name: "Support", version: "1.0.0", system_template: "Be helpful." } },
                },
            },
        ],
    },
});
const llm = new omnia.LlmProvider("pkgadd-ts-llm", {
    metadata,
    spec: { type: omnia.ProviderType.Claude, model: "claude-sonnet-4-20250514", secretRef: { name: "pkgadd-ts-llm-credentials" } },
    apiKey: config.requireSecret("anthropicApiKey"),
});
const agent = new omnia.AgentRuntime(
    "pkgadd-ts",
    {
        metadata,
        spec: {
            promptPackRef: { name: "pkgadd-ts-prompts", version: "1.0.0" },
            providerRef: { name: "pkgadd-ts-llm" },
            facade: { handler: omnia.HandlerMode.Runtime },
        },
    },
    { dependsOn: [prompts, llm] },
);

export const serviceEndpoint = agent.serviceEndpoint;
