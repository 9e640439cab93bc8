// Plain Kubernetes object shapes and the resolved references the renderer consumes.
import type { ToolHandlerSpec } from "./toolsConfig";

/** A plain Kubernetes object, as it would appear in a manifest. */
export interface KubeObject {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
    [field: string]: unknown;
}

export interface ObjectMeta {
    name: string;
    namespace: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
}

/** The PromptPack version an agent runs, after its version or track was resolved. */
export interface ResolvedPromptPack {
    name: string;
    namespace: string;
    version: string;
    /** ConfigMap (in the pack's namespace) holding this version under key pack.json. */
    configMapName: string;
    /** Hash of the version's content when known, so pods roll when it changes. */
    contentHash?: string;
}

/** An LLM provider, from a Provider or the inline block; secretRef names a Secret in the agent's namespace. */
export interface ResolvedProvider {
    type: "claude" | "openai" | "gemini" | "auto";
    model?: string;
    baseURL?: string;
    defaults?: { temperature?: string; topP?: string; maxTokens?: number };
    secretRef: { name: string; key?: string };
    /** Where the Provider lives; undefined for an inline provider. */
    source?: { name: string; namespace: string };
}

export interface ResolvedToolRegistry {
    name: string;
    namespace: string;
    handlers: ToolHandlerSpec[];
}

export interface ResolvedReferences {
    promptPack: ResolvedPromptPack;
    provider?: ResolvedProvider;
    toolRegistry?: ResolvedToolRegistry;
}

/** Container images; defaults are pinned releases, never `latest`. */
export interface Images {
    facade: string;
    runtime: string;
}
