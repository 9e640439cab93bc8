// How credentials reach the pod: always by secretKeyRef, never as values.
import { boundedName } from "./canonical";
import type { EnvVar } from "kubernetes-types/core/v1";
import type { ResolvedProvider } from "./types";

const API_KEY_VARIABLE = { claude: "ANTHROPIC_API_KEY", openai: "OPENAI_API_KEY", gemini: "GEMINI_API_KEY" } as const;

/** The API key variable(s) a provider type reads; `auto` gets all three so the runtime detects which exists. */
export function apiKeyVariables(type: ResolvedProvider["type"]): string[] {
    return type === "auto" ? Object.values(API_KEY_VARIABLE) : [API_KEY_VARIABLE[type]];
}

/** The API key env vars; the Secret key is secretRef.key when given, else the variable's own name. */
export function apiKeyEnv(provider: ResolvedProvider): EnvVar[] {
    const secretRef = provider.secretRef;
    if (!secretRef) return [];
    const auto = provider.type === "auto";
    return apiKeyVariables(provider.type).map((variable) => ({
        name: variable,
        valueFrom: { secretKeyRef: { name: secretRef.name, key: secretRef.key ?? variable, ...(auto ? { optional: true } : {}) } },
    }));
}

/**
 * Name of the copy of a Provider's Secret in the agent's namespace (pods cannot read other namespaces).
 * Shortened to 253 characters with a hash of the full name, so two long names never share a copy.
 */
export function credentialsCopyName(agentName: string, secretName: string): string {
    const name = `${agentName}-${secretName}`;
    return boundedName(name, name);
}

/**
 * Where the agent's pods read the provider's credentials. A Provider in another namespace
 * has its Secret copied into the agent's namespace; `copyFrom` says what to copy.
 */
export function credentialBinding(agent: { name: string; namespace: string }, provider: ResolvedProvider) {
    const source = provider.source;
    if (!provider.secretRef || !source || source.namespace === agent.namespace) {
        return { secretRef: provider.secretRef, copyFrom: undefined };
    }
    return {
        secretRef: { name: credentialsCopyName(agent.name, provider.secretRef.name), key: provider.secretRef.key },
        copyFrom: { namespace: source.namespace, name: provider.secretRef.name },
    };
}
