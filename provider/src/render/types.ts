// Kubernetes object types (kubernetes-types: a misspelled field does not compile) and the resolved
// references the renderer consumes.
import type { ObjectMeta as KubeObjectMeta } from "kubernetes-types/meta/v1";
import type { ToolHandler } from "../spec/toolRegistry";

/** A Kubernetes object of type T as it appears in a manifest: apiVersion, kind and name always set. */
export type Manifest<T> = T & { apiVersion: string; kind: string; metadata: KubeObjectMeta & { name: string } };

/** Any plain Kubernetes object. */
export type KubeObject = Manifest<object>;

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
    /** The prompt the runtime opens (OMNIA_PROMPT_NAME); `default` when the content is not known. */
    promptName: string;
}

/** An LLM provider as the runtime sees it; secretRef names a Secret in the agent's namespace. */
export interface ResolvedProvider {
    type: "claude" | "openai" | "gemini" | "auto";
    model?: string;
    secretRef?: { name: string; key?: string };
    /** Where the Provider lives; undefined for an inline provider. */
    source?: { name: string; namespace: string };
}

export interface ResolvedToolRegistry {
    name: string;
    namespace: string;
    handlers: ToolHandler[];
}

export interface ResolvedReferences {
    promptPack: ResolvedPromptPack;
    provider?: ResolvedProvider;
    toolRegistry?: ResolvedToolRegistry;
}

/** Container images; defaults are pinned releases, never `latest`. The runtime has no published default. */
export interface Images {
    facade?: string;
    runtime?: string;
}
