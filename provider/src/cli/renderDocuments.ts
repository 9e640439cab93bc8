// CRD-style documents -> Kubernetes objects, without Pulumi: references resolve among the documents.
// Accepts what `kubectl get agentruntimes,promptpacks,providers,toolregistries -A -o yaml` prints
// (a List; status and server-set metadata ignored) and passes other kinds through unchanged.
import { isMap, isScalar, LineCounter, parseAllDocuments, visit } from "yaml";
import { type Kind, KINDS, validateDocument, type ValidatedDocument } from "../spec/documents";
import { type SpecIssue, SpecValidationError } from "../spec/errors";
import { packConfigMapIssues } from "../spec/packContent";
import {
    agentRuntimeObjectList,
    type Descriptor,
    type Images,
    type KubeObject,
    MANAGED_BY,
    type PromptPackDescriptor,
    renderAgentRuntime,
    documentRenderOptions,
    renderCompanion,
    type ResolvedPromptPack,
    resolveInlineProvider,
    resolvePromptPack,
    resolveProvider,
    resolveToolRegistry,
} from "../render";

export const API_VERSION = "omnia.altairalabs.ai/v1alpha1";
/** The largest input file: far above any valid set of documents (a ConfigMap holds at most 1 MiB), small enough to parse in seconds. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;
/** Aliases per document: enough for anchors in hand-written YAML, far too few for an alias bomb. */
const MAX_ALIASES = 1000;
const OMNIA_GROUP = "omnia.altairalabs.ai/";
/** Client-side bookkeeping of kubectl apply: not the user's annotation, never copied to the objects. */
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

export interface RenderResult {
    objects: KubeObject[];
    /** Things the user must do by hand (e.g. a Secret to copy across namespaces) or that were not checked. */
    warnings: string[];
}

export interface RenderDocumentsOptions {
    /** Image overrides for every agent, below each agent's spec.facade.image / spec.framework.image. */
    images?: Images;
}

/** Raised with every problem of every document; each issue path starts with the document it is in. */
export class DocumentsError extends Error {
    constructor(readonly issues: SpecIssue[]) {
        super(issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
        this.name = "DocumentsError";
    }
}

interface Parsed {
    where: string;
    kind: Kind;
    doc: ValidatedDocument<Kind>;
}

interface Collected {
    omnia: Parsed[];
    /** Omnia objects that failed validation (kind/namespace/name), so references to them say so. */
    invalid: Set<string>;
    /** Other kinds, printed unchanged; ConfigMaps among them can hold a pack's content. */
    passthrough: KubeObject[];
    /** kind/namespace/name -> where the object was first given. */
    seen: Map<string, string>;
}

/** The metadata an Omnia object contributes: what the user wrote, not what the API server added. */
function userMetadata(metadata: any) {
    if (metadata === null || typeof metadata !== "object") return metadata;
    const { name, namespace, labels, annotations } = metadata;
    const { [LAST_APPLIED]: _applied, ...kept } = annotations ?? {};
    return {
        ...(name !== undefined ? { name } : {}),
        ...(namespace !== undefined ? { namespace } : {}),
        ...(labels !== undefined ? { labels } : {}),
        ...(annotations !== undefined && Object.keys(kept).length ? { annotations: kept } : {}),
    };
}

function collectObject(raw: any, where: string, into: Collected, issues: SpecIssue[], images: Images | undefined): void {
    if (raw === null || raw === undefined) return;
    if (typeof raw !== "object" || Array.isArray(raw)) {
        issues.push({ path: where, message: "must be a Kubernetes object (a mapping with apiVersion, kind and metadata)" });
        return;
    }
    if (typeof raw.kind !== "string") {
        issues.push({
            path: `${where}.kind`,
            message: raw.kind === undefined ? "is required: every document must be a Kubernetes object" : `must be a string (got ${JSON.stringify(raw.kind)})`,
        });
        return;
    }
    if (raw.kind === "List" && Array.isArray(raw.items)) {
        for (const [i, item] of (raw.items as unknown[]).entries()) collectObject(item, `${where}.items[${i}]`, into, issues, images);
        return;
    }
    const omnia = Object.hasOwn(KINDS, raw.kind) || (typeof raw.apiVersion === "string" && raw.apiVersion.startsWith(OMNIA_GROUP));
    if (!omnia) {
        const passName = raw.metadata?.name;
        if (typeof passName === "string") {
            const id = key(raw.kind, raw.metadata?.namespace, passName);
            const first = into.seen.get(id);
            if (first)
                issues.push({ path: `${where} ${raw.kind} "${passName}"`, message: `duplicates ${first} (same kind, namespace and name: one would silently replace the other)` });
            else into.seen.set(id, `${where} ${raw.kind} "${passName}"`);
        }
        into.passthrough.push(raw);
        return;
    }
    if (raw.apiVersion !== API_VERSION) {
        issues.push({ path: `${where}.apiVersion`, message: `must be ${JSON.stringify(API_VERSION)} (got ${JSON.stringify(raw.apiVersion)})` });
        return;
    }
    if (!Object.hasOwn(KINDS, raw.kind)) {
        issues.push({ path: `${where}.kind`, message: `must be one of ${Object.keys(KINDS).join(", ")} (got ${JSON.stringify(raw.kind)})` });
        return;
    }
    const name = raw.metadata?.name;
    if (typeof name !== "string") {
        issues.push({ path: `${where}.metadata.name`, message: name === undefined ? "is required" : `must be a string (got ${JSON.stringify(name)})` });
        return;
    }
    const id = key(raw.kind, raw.metadata?.namespace, name);
    const first = into.seen.get(id);
    if (first) {
        issues.push({ path: `${where} ${raw.kind} "${name}"`, message: `duplicates ${first} (same kind, namespace and name: one would silently replace the other)` });
        return;
    }
    into.seen.set(id, `${where} ${raw.kind} "${name}"`);
    const { apiVersion: _a, kind, metadata, spec, status: _status, ...extra } = raw;
    const at = `${where} ${kind} "${name}"`;
    for (const field of Object.keys(extra)) issues.push({ path: `${at}.${field}`, message: "unknown field" });
    try {
        const document = { metadata: userMetadata(metadata), spec, ...(kind === "AgentRuntime" && images ? { images } : {}) };
        into.omnia.push({ where: at, kind, doc: validateDocument(kind, name, document) });
    } catch (e) {
        if (!(e instanceof SpecValidationError)) throw e;
        into.invalid.add(key(kind, metadata?.namespace, name));
        issues.push(...e.issues.map((i) => ({ path: `${at}: ${i.path}`, message: i.message })));
    }
}

/** Duplicate keys of every mapping, found in one pass (the YAML library's own check is quadratic). */
function duplicateKeys(doc: ReturnType<typeof parseAllDocuments>[number], lines: LineCounter): string[] {
    const found: string[] = [];
    visit(doc, {
        Map(_, map) {
            if (!isMap(map)) return;
            const seen = new Set<string>();
            for (const pair of map.items) {
                const k = isScalar(pair.key) ? String(pair.key.value) : JSON.stringify(pair.key);
                if (seen.has(k)) found.push(`line ${lines.linePos(isScalar(pair.key) ? pair.key.range![0] : 0).line}: duplicate key ${JSON.stringify(k)}`);
                seen.add(k);
            }
        },
    });
    return found;
}

function collect(sources: { name: string; text: string }[], issues: SpecIssue[], images: Images | undefined): Collected {
    const into: Collected = { omnia: [], invalid: new Set(), passthrough: [], seen: new Map() };
    for (const source of sources) {
        const size = Buffer.byteLength(source.text);
        if (size > MAX_INPUT_BYTES) {
            issues.push({
                path: source.name,
                message: `is ${size} bytes, over the limit of ${MAX_INPUT_BYTES} (16 MiB): no valid set of documents is that large (a ConfigMap holds at most 1 MiB)`,
            });
            continue;
        }
        const lines = new LineCounter();
        parseAllDocuments(source.text, { uniqueKeys: false, lineCounter: lines }).forEach((yamlDoc, index) => {
            const where = `${source.name}#${index}`;
            // The library's messages end with a drawing of the line; the first line says it all.
            const errors = [...yamlDoc.errors.map((e) => e.message.split("\n")[0]), ...duplicateKeys(yamlDoc, lines)];
            if (errors.length) {
                issues.push({ path: where, message: `invalid YAML: ${errors[0]}` });
                return;
            }
            let value: unknown;
            try {
                value = yamlDoc.toJS({ maxAliasCount: MAX_ALIASES });
            } catch (e) {
                issues.push({ path: where, message: `invalid YAML: ${(e as Error).message}` });
                return;
            }
            collectObject(value, where, into, issues, images);
        });
    }
    return into;
}

const key = (kind: string, namespace: string | undefined, name: string) => `${kind}/${namespace ?? "default"}/${name}`;

/** Renders every document of the given YAML texts; throws DocumentsError listing all problems. */
export function renderDocuments(sources: { name: string; text: string }[], options: RenderDocumentsOptions = {}): RenderResult {
    const issues: SpecIssue[] = [];
    const { omnia, invalid, passthrough } = collect(sources, issues, options.images);
    const inputs = new Map<string, KubeObject>(passthrough.filter((o) => o.metadata?.name).map((o) => [key(o.kind, o.metadata.namespace, o.metadata.name), o]));
    const descriptors = new Map<string, Descriptor>();
    const objects: KubeObject[] = [...passthrough];
    for (const { where, kind, doc } of omnia) {
        if (kind === "AgentRuntime") continue;
        const rendered = renderCompanion(kind, doc.metadata, doc.spec);
        issues.push(...rendered.issues.map((i) => ({ path: `${where}: ${i.path}`, message: i.message })));
        descriptors.set(key(kind, doc.metadata.namespace, doc.metadata.name), rendered.descriptor);
        objects.push(...rendered.configMaps);
    }
    const warnings: string[] = [];

    /** A pack version held by an existing ConfigMap: checked as the runtime will read it, when it is among the documents. */
    const checkPackConfigMap = (where: string, pack: ResolvedPromptPack): ResolvedPromptPack => {
        if (pack.contentHash !== undefined) return pack;
        const id = `PromptPack "${pack.namespace}/${pack.name}" version ${pack.version}`;
        const configMap = inputs.get(key("ConfigMap", pack.namespace, pack.configMapName)) as (KubeObject & { data?: Record<string, string> }) | undefined;
        if (!configMap) {
            warnings.push(`${where}: ${id} is ConfigMap "${pack.namespace}/${pack.configMapName}", which is not among the documents: its pack.json was not checked`);
            return pack;
        }
        const found = packConfigMapIssues(configMap.data);
        for (const issue of found.issues) {
            const at = issue.path ? `key ${issue.path.startsWith("pack.json") ? issue.path : `pack.json: ${issue.path}`}` : "";
            issues.push({
                path: `${where}: spec.promptPackRef`,
                message: `${id} is ConfigMap "${pack.namespace}/${pack.configMapName}"${at ? `, ${at}` : ""}, which ${issue.message}`,
            });
        }
        return { ...pack, promptName: found.promptName ?? pack.promptName };
    };

    for (const { where, kind, doc } of omnia) {
        if (kind !== "AgentRuntime") continue;
        const meta = doc.metadata;
        const spec = doc.spec as ValidatedDocument<"AgentRuntime">["spec"];
        const usesRuntime = spec.facade.handler === "runtime";
        const find = <D extends Descriptor>(k: D["kind"], ns: string, name: string, field: string): D | undefined => {
            const found = descriptors.get(key(k, ns, name)) as D | undefined;
            if (!found) {
                const why = invalid.has(key(k, ns, name)) ? "is invalid (see its own errors)" : "is not among the documents";
                issues.push({ path: `${where}: spec.${field}.name`, message: `${k} "${ns}/${name}" ${why}` });
            }
            return found;
        };
        const pack = find<PromptPackDescriptor>("PromptPack", meta.namespace, spec.promptPackRef.name, "promptPackRef");
        const providerRef = usesRuntime ? spec.providerRef : undefined;
        const provider = providerRef ? find<any>("Provider", providerRef.namespace ?? meta.namespace, providerRef.name, "providerRef") : undefined;
        const toolsRef = usesRuntime ? spec.toolRegistryRef : undefined;
        const tools = toolsRef ? find<any>("ToolRegistry", toolsRef.namespace ?? meta.namespace, toolsRef.name, "toolRegistryRef") : undefined;
        if (spec.providerRef && spec.provider) warnings.push(`${where}: spec.providerRef and spec.provider are both set: providerRef wins`);
        try {
            // The pack is checked even when another reference is missing, so every problem shows at once.
            const resolved = pack && resolvePromptPack(meta.name, pack, spec.promptPackRef);
            const promptPack = resolved && usesRuntime ? checkPackConfigMap(where, resolved) : resolved;
            if (!promptPack || (providerRef && !provider) || (toolsRef && !tools)) continue;
            const rendered = renderAgentRuntime(
                meta,
                spec,
                {
                    promptPack,
                    provider: provider ? resolveProvider(provider) : usesRuntime && spec.provider ? resolveInlineProvider(spec.provider) : undefined,
                    toolRegistry: tools ? resolveToolRegistry(tools) : undefined,
                },
                documentRenderOptions(doc),
            );
            objects.push(...agentRuntimeObjectList(rendered));
            const copy = rendered.credentialsCopy;
            if (copy) {
                warnings.push(
                    `${where}: copy Secret ${copy.from.namespace}/${copy.from.name} to ${copy.metadata.namespace}/${copy.metadata.name} (pods read Secrets of their own namespace only; the Pulumi component does this for you)`,
                );
            }
        } catch (e) {
            if (!(e instanceof SpecValidationError)) throw e;
            issues.push(...e.issues.map((i) => ({ path: `${where}: ${i.path}`, message: i.message })));
        }
    }
    // A rendered object may meet one given as input: an earlier render of ours (labelled managed-by
    // pulumi-omnia, e.g. from `kubectl get -o yaml`) is replaced; any other object is an error.
    const rendered = new Set(objects.slice(passthrough.length).map((o) => key(o.kind, o.metadata.namespace, o.metadata.name)));
    const output = objects.filter((o, i) => {
        if (i >= passthrough.length || !rendered.has(key(o.kind, o.metadata?.namespace, o.metadata?.name))) return true;
        if ((o.metadata.labels as Record<string, string> | undefined)?.["app.kubernetes.io/managed-by"] === MANAGED_BY) return false;
        issues.push({
            path: `${o.kind} "${o.metadata.namespace ?? "default"}/${o.metadata.name}"`,
            message: "is both given as input and rendered from an Omnia object (one would replace the other): rename the input object",
        });
        return true;
    });
    if (issues.length) throw new DocumentsError(issues);
    return { objects: output, warnings };
}
