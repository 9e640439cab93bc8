// CRD-style documents -> Kubernetes objects, without Pulumi: references resolve among the documents.
import { parseAllDocuments } from "yaml";
import { Kind, KINDS, validateDocument, ValidatedDocument } from "../spec/documents";
import { SpecIssue, SpecValidationError } from "../spec/errors";
import {
    agentRuntimeObjectList,
    Descriptor,
    KubeObject,
    promptPackDescriptor,
    providerDescriptor,
    renderAgentRuntime,
    renderDescriptor,
    renderPromptPackConfigMaps,
    resolvePromptPack,
    resolveProvider,
    resolveToolRegistry,
    toolRegistryDescriptor,
} from "../render";

export const API_VERSION = "omnia.altairalabs.ai/v1alpha1";

export interface RenderResult {
    objects: KubeObject[];
    /** Things the user must do by hand (e.g. a Secret to copy across namespaces). */
    warnings: string[];
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

function parseDocuments(text: string, source: string, issues: SpecIssue[]): Parsed[] {
    const parsed: Parsed[] = [];
    parseAllDocuments(text).forEach((yamlDoc, index) => {
        const where = `${source}#${index}`;
        if (yamlDoc.errors.length) {
            issues.push({ path: where, message: `invalid YAML: ${yamlDoc.errors[0].message}` });
            return;
        }
        const raw = yamlDoc.toJS();
        if (raw === null || raw === undefined) return;
        if (raw.apiVersion !== API_VERSION) {
            issues.push({ path: `${where}.apiVersion`, message: `must be ${JSON.stringify(API_VERSION)} (got ${JSON.stringify(raw.apiVersion)})` });
            return;
        }
        if (!(raw.kind in KINDS)) {
            issues.push({ path: `${where}.kind`, message: `must be one of ${Object.keys(KINDS).join(", ")} (got ${JSON.stringify(raw.kind)})` });
            return;
        }
        const name = raw.metadata?.name;
        if (typeof name !== "string") {
            issues.push({ path: `${where}.metadata.name`, message: "is required" });
            return;
        }
        const { apiVersion: _a, kind, metadata, spec, ...extra } = raw;
        for (const field of Object.keys(extra)) issues.push({ path: `${where} ${kind} "${name}".${field}`, message: "unknown field" });
        try {
            parsed.push({ where: `${where} ${kind} "${name}"`, kind, doc: validateDocument(kind, name, { metadata, spec }) });
        } catch (e) {
            if (!(e instanceof SpecValidationError)) throw e;
            issues.push(...e.issues.map((i) => ({ path: `${where} ${kind} "${name}": ${i.path}`, message: i.message })));
        }
    });
    return parsed;
}

/** Renders every document of the given YAML texts; throws DocumentsError listing all problems. */
export function renderDocuments(sources: { name: string; text: string }[]): RenderResult {
    const issues: SpecIssue[] = [];
    const parsed = sources.flatMap((s) => parseDocuments(s.text, s.name, issues));
    const descriptors = new Map<string, Descriptor>();
    const objects: KubeObject[] = [];
    for (const { kind, doc } of parsed) {
        const meta = doc.metadata;
        const spec = doc.spec as any;
        const descriptor =
            kind === "PromptPack" ? promptPackDescriptor(meta, spec) : kind === "Provider" ? providerDescriptor(meta, spec) : kind === "ToolRegistry" ? toolRegistryDescriptor(meta, spec) : undefined;
        if (!descriptor) continue;
        descriptors.set(`${kind}/${meta.namespace}/${meta.name}`, descriptor);
        if (kind === "PromptPack") objects.push(...renderPromptPackConfigMaps(meta, spec));
        objects.push(renderDescriptor(meta, descriptor));
    }
    const warnings: string[] = [];
    for (const { where, kind, doc } of parsed) {
        if (kind !== "AgentRuntime") continue;
        const meta = doc.metadata;
        const spec = doc.spec as ValidatedDocument<"AgentRuntime">["spec"];
        const usesRuntime = spec.facade.handler === "runtime";
        const find = <D extends Descriptor>(k: D["kind"], ns: string, name: string, field: string): D | undefined => {
            const found = descriptors.get(`${k}/${ns}/${name}`) as D | undefined;
            if (!found) issues.push({ path: `${where}: spec.${field}.name`, message: `${k} "${ns}/${name}" is not among the documents` });
            return found;
        };
        const pack = find<any>("PromptPack", meta.namespace, spec.promptPackRef.name, "promptPackRef");
        const providerRef = usesRuntime ? spec.providerRef : undefined;
        const provider = providerRef ? find<any>("Provider", providerRef.namespace ?? meta.namespace, providerRef.name, "providerRef") : undefined;
        const toolsRef = usesRuntime ? spec.toolRegistryRef : undefined;
        const tools = toolsRef ? find<any>("ToolRegistry", toolsRef.namespace ?? meta.namespace, toolsRef.name, "toolRegistryRef") : undefined;
        if (!pack || (providerRef && !provider) || (toolsRef && !tools)) continue;
        if (spec.providerRef && spec.provider) warnings.push(`${where}: spec.providerRef and spec.provider are both set: providerRef wins`);
        try {
            const rendered = renderAgentRuntime(meta, spec, {
                promptPack: resolvePromptPack(meta.name, pack, spec.promptPackRef),
                provider: provider ? resolveProvider(provider) : usesRuntime ? spec.provider : undefined,
                toolRegistry: tools ? resolveToolRegistry(tools) : undefined,
            });
            objects.push(...agentRuntimeObjectList(rendered));
            const copy = rendered.credentialsCopy;
            if (copy) {
                warnings.push(`${where}: copy Secret ${copy.from.namespace}/${copy.from.name} to ${copy.to.namespace}/${copy.to.name} (pods read Secrets of their own namespace only; the Pulumi component does this for you)`);
            }
        } catch (e) {
            if (!(e instanceof SpecValidationError)) throw e;
            issues.push(...e.issues.map((i) => ({ path: `${where}: ${i.path}`, message: i.message })));
        }
    }
    if (issues.length) throw new DocumentsError(issues);
    return { objects, warnings };
}
