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
import { CONFIGMAP_SIZE_LIMIT, isLabelValue } from "../spec/kubernetes";
import { renderToolsYaml } from "./toolsConfig";
import { TOOLS_KEY } from "./env";
import { boundedName, canonicalJson } from "./canonical";
import { companionLabels, objectMeta, PROMPTPACK_LABEL, VERSION_LABEL } from "./labels";
import type { ObjectMeta, ResolvedPromptPack, ResolvedProvider, ResolvedToolRegistry, Manifest } from "./types";

export type CompanionKind = "PromptPack" | "Provider" | "ToolRegistry";
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

// Derived ConfigMap names cannot collide: object names are DNS labels (no dots), so tools ConfigMaps
// (`<agent>-tools`) have no dot, descriptors start with `omnia.` and pack versions with `<pack>-v<major>.`.

/** Name of the ConfigMap that publishes a companion, e.g. `omnia.promptpack.customer-service-prompts`. */
export function descriptorName(kind: CompanionKind, name: string): string {
    return `omnia.${kind.toLowerCase()}.${name}`;
}

/**
 * Name of the immutable ConfigMap of one PromptPack version, e.g. `customer-service-prompts-v2.1.0`.
 * A version that is not already a valid name part (upper case, build metadata `+...`) or that must
 * be shortened gets a hash of its exact text, so `1.0.0-RC.1`, `1.0.0-rc.1`, `1.0.0+rc.1` and two
 * long prereleases with one prefix never share a ConfigMap.
 */
export function promptPackVersionConfigMapName(pack: string, version: string): string {
    const readable = version.toLowerCase().replace(/[^a-z0-9.-]/g, "-");
    return boundedName(`${pack}-v${readable}`, version, readable !== version);
}

export type NamedConfigMap = Manifest<ConfigMap>;

/** The ConfigMap another stack reads to resolve a reference by name; never holds anything secret. */
export function renderDescriptor(meta: ObjectMeta, descriptor: Descriptor): NamedConfigMap {
    return {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: objectMeta(meta, descriptorName(descriptor.kind, meta.name), companionLabels(descriptor.kind, meta)),
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
        .map(
            (v): NamedConfigMap => ({
                apiVersion: "v1",
                kind: "ConfigMap",
                // The exact version is an annotation; the label (for selection) only where it is a valid label value.
                metadata: objectMeta(
                    meta,
                    promptPackVersionConfigMapName(meta.name, v.version),
                    { ...companionLabels("PromptPack", meta), [PROMPTPACK_LABEL]: meta.name, ...(isLabelValue(v.version) ? { [VERSION_LABEL]: v.version } : {}) },
                    { [VERSION_LABEL]: v.version },
                ),
                immutable: true,
                data: { "pack.json": canonicalJson(v.content, 2) },
            }),
        );
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
    return {
        name: pack.name,
        namespace: pack.namespace,
        version,
        configMapName: entry.configMapName,
        contentHash: entry.contentHash,
        promptName: entry.promptName ?? DEFAULT_PROMPT_NAME,
    };
}

export function resolveProvider(descriptor: ProviderDescriptor): ResolvedProvider {
    return { type: descriptor.type, model: descriptor.model, secretRef: descriptor.secretRef, source: { name: descriptor.name, namespace: descriptor.namespace } };
}

export function resolveToolRegistry(descriptor: ToolRegistryDescriptor): ResolvedToolRegistry {
    return { name: descriptor.name, namespace: descriptor.namespace, handlers: descriptor.handlers };
}

const byteSize = (data: Record<string, string> | undefined) => Object.entries(data ?? {}).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);

/** ConfigMaps over the API server's limit (keys and values of data, 1 MiB), as messages for the field they come from. */
export function oversizeMessage(configMap: NamedConfigMap): string | undefined {
    const size = byteSize(configMap.data);
    if (size <= CONFIGMAP_SIZE_LIMIT) return undefined;
    return `would be stored in ConfigMap "${configMap.metadata.name}" of ${size} bytes; the API server refuses ConfigMaps over ${CONFIGMAP_SIZE_LIMIT} bytes (1 MiB)`;
}

/** The objects a companion creates, and the size problems they would meet, by spec field. */
export function renderCompanion(
    kind: CompanionKind,
    meta: ObjectMeta,
    spec: any,
): { descriptor: Descriptor; configMaps: NamedConfigMap[]; issues: { path: string; message: string }[] } {
    const descriptor = kind === "PromptPack" ? promptPackDescriptor(meta, spec) : kind === "Provider" ? providerDescriptor(meta, spec) : toolRegistryDescriptor(meta, spec);
    const issues: { path: string; message: string }[] = [];
    const versions = kind === "PromptPack" ? renderPromptPackConfigMaps(meta, spec) : [];
    const contents =
        kind === "PromptPack"
            ? publishedVersions(spec)
                  .map((v, i) => ({ v, i }))
                  .filter(({ v }) => v.content !== undefined)
            : [];
    versions.forEach((cm, n) => {
        const message = oversizeMessage(cm);
        if (message) issues.push({ path: `spec.versions[${contents[n].i}].content`, message });
    });
    const published = renderDescriptor(meta, descriptor);
    const descriptorMessage = oversizeMessage(published);
    if (descriptorMessage) issues.push({ path: "spec", message: descriptorMessage });
    if (kind === "ToolRegistry") {
        const tools: NamedConfigMap = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: `<agent>-tools` }, data: { [TOOLS_KEY]: renderToolsYaml(spec.handlers) } };
        const message = oversizeMessage(tools);
        if (message) issues.push({ path: "spec.handlers", message: `${message} (in each agent's namespace)` });
    }
    return { descriptor, configMaps: [...versions, published], issues };
}
