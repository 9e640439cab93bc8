// Companion objects (PromptPack, Provider, ToolRegistry): their ConfigMaps, the descriptors that
// publish them to other stacks, and the pure resolution of an agent's references against them.
import { createHash } from "crypto";
import type { ConfigMap } from "kubernetes-types/core/v1";
import type { PromptPackSpec } from "../spec/promptPack";
import { publishedVersions, resolvedTracks } from "../spec/promptPack";
import { DEFAULT_PROMPT_NAME, promptNameOf } from "../spec/packContent";
import { DEFAULT_TRACK } from "../spec/agentRuntime";
import type { LlmProviderSpec } from "../spec/llmProvider";
import type { ToolRegistrySpec } from "../spec/toolRegistry";
import { SpecValidationError } from "../spec/errors";
import { canonicalJson } from "./canonical";
import { MANAGED_BY } from "./labels";
import type { ObjectMeta, ResolvedPromptPack, ResolvedProvider, ResolvedToolRegistry, Manifest } from "./types";

export type CompanionKind = "PromptPack" | "Provider" | "ToolRegistry";
export const KIND_LABEL = "omnia.altairalabs.ai/kind";
export const DESCRIPTOR_KEY = "descriptor.json";

export interface PromptPackDescriptor {
    kind: "PromptPack";
    name: string;
    namespace: string;
    /** version -> the ConfigMap holding it, and the hash and opened prompt of its content (when the pack owns it). */
    versions: Record<string, { configMapName: string; contentHash?: string; promptName?: string }>;
    tracks: Record<string, string>;
}
export interface ProviderDescriptor extends Omit<LlmProviderSpec, "secretRef"> {
    kind: "Provider";
    name: string;
    namespace: string;
    secretRef: { name: string; key?: string };
}
export interface ToolRegistryDescriptor extends ToolRegistrySpec {
    kind: "ToolRegistry";
    name: string;
    namespace: string;
}
export type Descriptor = PromptPackDescriptor | ProviderDescriptor | ToolRegistryDescriptor;

export function contentHash(value: unknown): string {
    return createHash("sha256").update(canonicalJson(value)).digest("hex").slice(0, 16);
}

/** Name of the ConfigMap that publishes a companion, e.g. `omnia-promptpack-customer-service-prompts`. */
export function descriptorName(kind: CompanionKind, name: string): string {
    return `omnia-${kind.toLowerCase()}-${name}`;
}

/**
 * Name of the immutable ConfigMap of one PromptPack version, e.g. `customer-service-prompts-v2.1.0`.
 * A version that is not already a valid name part (upper case, build metadata `+...`) gets a hash of
 * its exact text, so `1.0.0-RC.1`, `1.0.0-rc.1` and `1.0.0+rc.1` never share a ConfigMap.
 */
export function promptPackVersionConfigMapName(pack: string, version: string): string {
    const readable = version.toLowerCase().replace(/[^a-z0-9.-]/g, "-");
    const suffix = readable === version ? "" : `-${createHash("sha256").update(version).digest("hex").slice(0, 8)}`;
    return `${pack}-v${readable}`.slice(0, 253 - suffix.length).replace(/[-.]+$/, "") + suffix;
}

function companionLabels(kind: CompanionKind, meta: ObjectMeta): Record<string, string> {
    return { ...meta.labels, "app.kubernetes.io/managed-by": MANAGED_BY, [KIND_LABEL]: kind };
}

export type NamedConfigMap = Manifest<ConfigMap>;

/** The ConfigMap another stack reads to resolve a reference by name; never holds anything secret. */
export function renderDescriptor(meta: ObjectMeta, descriptor: Descriptor): NamedConfigMap {
    return {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: descriptorName(descriptor.kind, meta.name), namespace: meta.namespace, labels: companionLabels(descriptor.kind, meta) },
        data: { [DESCRIPTOR_KEY]: canonicalJson(descriptor) },
    };
}

export function promptPackDescriptor(meta: ObjectMeta, spec: PromptPackSpec): PromptPackDescriptor {
    const versions: PromptPackDescriptor["versions"] = {};
    for (const v of publishedVersions(spec)) {
        versions[v.version] = v.configMapRef
            ? { configMapName: v.configMapRef.name }
            : { configMapName: promptPackVersionConfigMapName(meta.name, v.version), contentHash: contentHash(v.content), promptName: promptNameOf(v.content!) };
    }
    return { kind: "PromptPack", name: meta.name, namespace: meta.namespace, versions, tracks: resolvedTracks(spec) };
}

/** One immutable ConfigMap per published version, so a version cannot change under a running agent. */
export function renderPromptPackConfigMaps(meta: ObjectMeta, spec: PromptPackSpec): NamedConfigMap[] {
    return publishedVersions(spec)
        .filter((v) => v.content !== undefined)
        .map((v): NamedConfigMap => ({
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: {
                name: promptPackVersionConfigMapName(meta.name, v.version),
                namespace: meta.namespace,
                labels: { ...companionLabels("PromptPack", meta), "omnia.altairalabs.ai/promptpack": meta.name, "omnia.altairalabs.ai/version": v.version.replace(/\+/g, "_") },
            },
            immutable: true,
            data: { "pack.json": canonicalJson(v.content, 2) },
        }));
}

export function providerDescriptor(meta: ObjectMeta, spec: LlmProviderSpec): ProviderDescriptor {
    return { kind: "Provider", name: meta.name, namespace: meta.namespace, ...spec };
}

export function toolRegistryDescriptor(meta: ObjectMeta, spec: ToolRegistrySpec): ToolRegistryDescriptor {
    return { kind: "ToolRegistry", name: meta.name, namespace: meta.namespace, ...spec };
}

/** Reads a descriptor ConfigMap's data, checking it describes the expected kind. */
export function parseDescriptor<D extends Descriptor>(kind: D["kind"], data: Record<string, string> | undefined, where: string): D {
    const text = data?.[DESCRIPTOR_KEY];
    let parsed: any;
    try {
        parsed = text === undefined ? undefined : JSON.parse(text);
    } catch {
        parsed = undefined;
    }
    if (!parsed || parsed.kind !== kind) {
        throw new Error(`ConfigMap ${where} does not describe a ${kind} (missing or invalid key ${DESCRIPTOR_KEY})`);
    }
    return parsed as D;
}

function unresolved(agent: string, path: string, message: string): SpecValidationError {
    return new SpecValidationError(`AgentRuntime "${agent}"`, [{ path, message }]);
}

/** Picks the pack version an agent runs: the pinned version, or the one its track points at (default stable). */
export function resolvePromptPack(agent: string, pack: PromptPackDescriptor, ref: { version?: string; track?: string }): ResolvedPromptPack {
    const id = `PromptPack "${pack.namespace}/${pack.name}"`;
    const published = Object.keys(pack.versions).join(", ");
    let version = ref.version;
    if (version === undefined) {
        const track = ref.track ?? DEFAULT_TRACK;
        version = pack.tracks[track];
        if (version === undefined) {
            throw unresolved(agent, "spec.promptPackRef.track", `${id} has no track "${track}" (tracks: ${Object.keys(pack.tracks).join(", ") || "none"})`);
        }
    }
    const entry = pack.versions[version];
    if (!entry) {
        throw unresolved(agent, "spec.promptPackRef.version", `${id} has no version "${version}" (published: ${published})`);
    }
    return { name: pack.name, namespace: pack.namespace, version, configMapName: entry.configMapName, contentHash: entry.contentHash, promptName: entry.promptName ?? DEFAULT_PROMPT_NAME };
}

export function resolveProvider(descriptor: ProviderDescriptor): ResolvedProvider {
    return { type: descriptor.type, model: descriptor.model, secretRef: descriptor.secretRef, source: { name: descriptor.name, namespace: descriptor.namespace } };
}

export function resolveToolRegistry(descriptor: ToolRegistryDescriptor): ResolvedToolRegistry {
    return { name: descriptor.name, namespace: descriptor.namespace, handlers: descriptor.handlers };
}
