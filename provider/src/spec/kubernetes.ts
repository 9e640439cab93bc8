// What the Kubernetes API server (and the kubelet) check on the values we copy into objects, so a
// spec that passes here is never refused at apply time. Each rule cites its source:
// apimachinery pkg/util/validation (names, label keys and values), pkg/apis/core/validation
// (annotations, tolerations, node selectors, resources), distribution/reference (images).
import { z } from "zod";

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

export const INT32_MAX = 2_147_483_647;
/** Total size of an object's annotations (keys and values), core validation TotalAnnotationSizeLimitB. */
export const ANNOTATIONS_SIZE_LIMIT = 256 * 1024;
/** Size of a ConfigMap's data (core validation, MaxSecretSize also applies to ConfigMaps). */
export const CONFIGMAP_SIZE_LIMIT = 1024 * 1024;

export const isDns1123Label = (s: string) => s.length <= 63 && DNS1123_LABEL.test(s);
export const isDns1123Subdomain = (s: string) => s.length <= 253 && DNS1123_SUBDOMAIN.test(s);
export const isDns1035Label = (s: string) => s.length <= 63 && DNS1035_LABEL.test(s);

/** IsQualifiedName: `name` or `prefix/name`, name at most 63 characters, prefix a DNS subdomain. */
export function qualifiedNameProblem(key: string): string | undefined {
    const parts = key.split("/");
    if (parts.length > 2) return "must be a name with at most one '/' (an optional DNS subdomain prefix, then a name)";
    const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
    if (prefix !== undefined && !isDns1123Subdomain(prefix))
        return "must have a prefix that is a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', at most 253 characters)";
    if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME_PART.test(name)) {
        return "must have a name part of at most 63 characters: letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
    }
    return undefined;
}

/** IsValidLabelValue: empty, or at most 63 characters like a qualified name's name part. */
export const isLabelValue = (value: string) => value === "" || (value.length <= 63 && QUALIFIED_NAME_PART.test(value));
const LABEL_VALUE_RULE = "must be empty or at most 63 characters: letters, digits, '-', '_' and '.', starting and ending with a letter or digit";

type Ctx = z.core.$RefinementCtx<any>;
const issue = (ctx: Ctx, path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path, message });
const quote = (s: string) => JSON.stringify(s);

/** ValidateLabels: qualified-name keys and label values (labels, node selectors). */
export const labelMap = z.record(z.string(), z.string()).superRefine((labels, ctx) => {
    for (const [key, value] of Object.entries(labels)) {
        const problem = qualifiedNameProblem(key);
        if (problem) issue(ctx, [key], `key ${problem} (got ${quote(key)})`);
        if (!isLabelValue(value)) issue(ctx, [key], `${LABEL_VALUE_RULE} (got ${quote(value)})`);
    }
});

/** ValidateAnnotations: qualified-name keys (checked lower-cased), at most 256 KiB in all. */
export const annotationMap = z.record(z.string(), z.string()).superRefine((annotations, ctx) => {
    let size = 0;
    for (const [key, value] of Object.entries(annotations)) {
        const problem = qualifiedNameProblem(key.toLowerCase());
        if (problem) issue(ctx, [key], `key ${problem} (got ${quote(key)})`);
        size += Buffer.byteLength(key) + Buffer.byteLength(value);
    }
    if (size > ANNOTATIONS_SIZE_LIMIT) issue(ctx, [], `must be at most ${ANNOTATIONS_SIZE_LIMIT} bytes in all, keys and values (got ${size})`);
});

/** ValidateTolerations, rule by rule. */
export function checkToleration(t: { key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number }, ctx: Ctx) {
    if (t.key) {
        const problem = qualifiedNameProblem(t.key);
        if (problem) issue(ctx, ["key"], `${problem} (got ${quote(t.key)})`);
    } else if (t.operator !== "Exists") {
        issue(ctx, ["operator"], 'must be "Exists" when key is empty (an empty key matches every taint)');
    }
    if (t.tolerationSeconds !== undefined && t.effect !== "NoExecute") {
        issue(ctx, ["effect"], 'must be "NoExecute" when tolerationSeconds is set');
    }
    if (t.operator === "Exists" && t.value) issue(ctx, ["value"], `must be empty when operator is "Exists" (got ${quote(t.value)})`);
    if (t.operator !== "Exists" && t.value !== undefined && !isLabelValue(t.value)) issue(ctx, ["value"], `${LABEL_VALUE_RULE} (got ${quote(t.value)})`);
}

const QUANTITY = /^\+?([0-9]+(\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;
const SUFFIX: Record<string, number> = {
    n: 1e-9,
    u: 1e-6,
    m: 1e-3,
    "": 1,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    Pi: 2 ** 50,
    Ei: 2 ** 60,
};

export const isQuantity = (q: string) => QUANTITY.test(q);
/** The value of a quantity (approximate beyond 2^53, enough to compare a request with a limit). */
export function quantityValue(q: string): number {
    const m = /^\+?([0-9.]+)(.*)$/.exec(q)!;
    const exponent = /^[eE]/.test(m[2]) ? 10 ** Number(m[2].slice(1)) : SUFFIX[m[2]];
    return Number(m[1]) * exponent;
}

const STANDARD_RESOURCES = ["cpu", "memory", "ephemeral-storage"];
const isHugePages = (name: string) => name.startsWith("hugepages-") && isQuantity(name.slice("hugepages-".length));
/** IsNativeResource: no domain, or the kubernetes.io domain. */
const isNative = (name: string) => !name.includes("/") || name.includes("kubernetes.io/");
/** IsExtendedResourceName: a domain-prefixed name outside kubernetes.io, e.g. nvidia.com/gpu. */
const isExtendedResource = (name: string) => !isNative(name) && !name.startsWith("requests.") && qualifiedNameProblem(`requests.${name}`) === undefined;

function resourceNameProblem(name: string): string | undefined {
    if (!name.includes("/")) {
        return STANDARD_RESOURCES.includes(name) || isHugePages(name)
            ? undefined
            : 'is not a container resource: cpu, memory, ephemeral-storage, hugepages-<size>, or a domain-prefixed name such as "nvidia.com/gpu"';
    }
    if (qualifiedNameProblem(name)) return `must be a qualified name: ${qualifiedNameProblem(name)}`;
    return isNative(name) || isExtendedResource(name)
        ? undefined
        : 'is not an extended resource name (a domain-prefixed name such as "nvidia.com/gpu", not starting with "requests.")';
}

/** validateContainerResourceName and ValidateResourceRequirements: names, requests <= limits, no overcommit where Kubernetes forbids it. */
export function checkResources(r: { requests?: Record<string, string | number>; limits?: Record<string, string | number> }, ctx: Ctx) {
    const requests = r.requests ?? {};
    const limits = r.limits ?? {};
    for (const [field, list] of [
        ["requests", requests],
        ["limits", limits],
    ] as const) {
        for (const name of Object.keys(list)) {
            const problem = resourceNameProblem(name);
            if (problem) issue(ctx, [field, name], `${problem} (got ${quote(name)})`);
        }
    }
    for (const [name, request] of Object.entries(requests)) {
        const limit = limits[name];
        if (!isQuantity(String(request)) || (limit !== undefined && !isQuantity(String(limit))) || resourceNameProblem(name)) continue;
        // IsOvercommitAllowed: native resources other than hugepages.
        if (!isNative(name) || isHugePages(name)) {
            if (limit === undefined || quantityValue(String(limit)) !== quantityValue(String(request))) {
                issue(ctx, ["requests", name], `must equal the limit of ${name}, which cannot be overcommitted (got request ${request}, limit ${limit ?? "none"})`);
            }
        } else if (limit !== undefined && quantityValue(String(request)) > quantityValue(String(limit))) {
            issue(ctx, ["requests", name], `must be less than or equal to the limit ${limit} (got ${request})`);
        }
    }
    const hugePages = Object.keys(requests).some(isHugePages) || Object.keys(limits).some(isHugePages);
    const cpuOrMemory = ["cpu", "memory"].some((n) => n in requests || n in limits);
    if (hugePages && !cpuOrMemory) issue(ctx, ["requests"], "must include cpu or memory when hugepages are requested");
}

// distribution/reference's grammar: [domain[:port]/]path-component(/path-component)*[:tag][@digest],
// path components lower case. The kubelet refuses anything else (InvalidImageName).
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const IMAGE_NAME = new RegExp(`^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

/** The parts of an image reference, or undefined when the kubelet would refuse it. */
export function parseImageReference(image: string): { name: string; tag?: string; digest?: string } | undefined {
    const [named, digest, extra] = image.split("@");
    if (extra !== undefined || (digest !== undefined && !DIGEST.test(digest))) return undefined;
    // A tag follows the last ':' after the last '/' (a ':' before it is the registry's port).
    const colon = named.lastIndexOf(":");
    const hasTag = colon > named.lastIndexOf("/");
    const name = hasTag ? named.slice(0, colon) : named;
    const tag = hasTag ? named.slice(colon + 1) : undefined;
    if ((tag !== undefined && !TAG.test(tag)) || name.length > 255 || !IMAGE_NAME.test(name)) return undefined;
    return { name, tag, digest };
}
