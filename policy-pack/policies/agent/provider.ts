// The LLM provider: a Provider reference in production, credentials for the runtime handler.
import type { ResourceRule } from "../../production";
import { MOCK_PROVIDER_ANNOTATION } from "../../../provider/src/spec/documents";
import { isKnown, peek, record, show } from "../values";
import { AGENT_DEFAULTS, isAgentRuntime, specField } from "./spec";

const present = (value: unknown) => value !== undefined && value !== null;

export const agentProviderRef: ResourceRule = {
    id: "agent-provider-ref",
    description: "The agent uses a Provider (providerRef) rather than an inline provider block.",
    severity: "medium",
    scope: "production",
    remediationSteps: "Declare an LlmProvider (Provider) holding type, model and credentials, set spec.providerRef.name to it and remove spec.provider.",
    validateResource: (args, report) => {
        if (!isAgentRuntime(args)) return;
        // providerRef wins over an inline block; only an inline block alone is the problem.
        const ref = specField<unknown>(args, ["providerRef"]);
        if (!isKnown(ref) || present(ref)) return;
        const provider = specField<unknown>(args, ["provider"]);
        if (!isKnown(provider) || !present(provider)) return;
        const type = specField<string>(args, ["provider", "type"]);
        const what = isKnown(type) && type !== undefined ? ` of type ${show(type)}` : "";
        report(`spec.provider: inline provider${what} is not allowed; reference a Provider with spec.providerRef`);
    },
};

export const agentRuntimeCredentials: ResourceRule = {
    id: "agent-runtime-credentials",
    description: 'An agent with handler "runtime" has credentials: a providerRef, or an inline provider with secretRef (none with the mock-provider annotation).',
    severity: "high",
    scope: "always",
    remediationSteps: "Set spec.providerRef.name to a Provider, or give spec.provider.secretRef.name the Secret holding the API key.",
    validateResource: (args, report) => {
        if (!isAgentRuntime(args)) return;
        const handler = specField<string>(args, ["facade", "handler"], AGENT_DEFAULTS.handler);
        if (!isKnown(handler) || handler !== "runtime") return;
        // With the mock-provider annotation the runtime answers without network or credentials (the component accepts it).
        const mock = peek(() => record(record(args.props.metadata)?.annotations)?.[MOCK_PROVIDER_ANNOTATION]);
        if (!isKnown(mock) || mock === "true") return;
        const ref = specField<unknown>(args, ["providerRef"]);
        if (!isKnown(ref) || present(ref)) return;
        const provider = specField<unknown>(args, ["provider"]);
        if (!isKnown(provider)) return;
        if (!present(provider)) {
            report('spec.providerRef: missing for handler "runtime" (and no spec.provider); the runtime has no LLM credentials');
            return;
        }
        const secret = specField<string>(args, ["provider", "secretRef", "name"]);
        if (isKnown(secret) && !secret) {
            report('spec.provider.secretRef: missing for handler "runtime"; the runtime has no LLM credentials');
        }
    },
};

export const agentProviderExplicit: ResourceRule = {
    id: "agent-provider-explicit",
    description: 'An inline provider names its type (not "auto") and a model.',
    severity: "low",
    scope: "advisory",
    remediationSteps: "Set spec.provider.type to claude, openai or gemini and spec.provider.model to the model to run (or use a providerRef).",
    validateResource: (args, report) => {
        if (!isAgentRuntime(args)) return;
        const provider = specField<unknown>(args, ["provider"]);
        if (!isKnown(provider) || !present(provider)) return;
        const type = specField<string>(args, ["provider", "type"]);
        if (isKnown(type) && type === "auto") {
            report('spec.provider.type: "auto" picks the provider from whichever key exists; name claude, openai or gemini');
        }
        const model = specField<string>(args, ["provider", "model"]);
        if (isKnown(model) && !model) report("spec.provider.model: not set; name the model so upgrades are deliberate");
    },
};
