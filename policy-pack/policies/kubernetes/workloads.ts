// Where the pod spec of each workload kind lives, a safe walk over its containers, and label selectors.
import type { ResourceValidationArgs } from "@pulumi/policy";
import { isKnown, items, peek, record } from "../values";

/** Workload type tokens and the path of their pod spec. */
export const POD_SPEC_PATHS: Record<string, string[]> = {
    "kubernetes:apps/v1:Deployment": ["spec", "template", "spec"],
    "kubernetes:apps/v1:StatefulSet": ["spec", "template", "spec"],
    "kubernetes:apps/v1:DaemonSet": ["spec", "template", "spec"],
    "kubernetes:core/v1:Pod": ["spec"],
};

export interface ContainerView {
    /** Field path of the container, e.g. `spec.template.spec.containers[1]`. */
    path: string;
    /** Container name when known, for messages. */
    name?: string;
    container: Record<string, any>;
    /** The pod-level spec (for securityContext fallbacks); undefined when unknown. */
    pod: Record<string, any>;
}

/** The pod spec of a workload, or undefined (not a workload, missing or unknown). */
export function podSpec(type: string, props: Record<string, any>): { path: string; pod: Record<string, any> } | undefined {
    const path = POD_SPEC_PATHS[type];
    if (!path) return undefined;
    const pod = peek(() => path.reduce<any>((node, key) => record(node)?.[key], props));
    if (!isKnown(pod) || !record(pod)) return undefined;
    return { path: path.join("."), pod: pod as Record<string, any> };
}

/**
 * The known containers of a workload: the long-running ones (containers, and native sidecars: init
 * containers with restartPolicy Always). `init` adds the other initContainers too (for checks that
 * apply to every process in the pod). Containers that are unknown during preview are skipped.
 */
export function containersOf(args: Pick<ResourceValidationArgs, "type" | "props">, init = false): ContainerView[] {
    const spec = podSpec(args.type, args.props);
    if (!spec) return [];
    return ["containers", "initContainers"].flatMap((group) => {
        if (!(group in spec.pod)) return [];
        return items(peek(() => spec.pod[group])).flatMap(({ index, value }) => {
            const container = isKnown(value) ? record(value) : undefined;
            if (!container) return [];
            if (group === "initContainers" && !init && peek(() => container.restartPolicy) !== "Always") return [];
            const name = peek(() => container.name);
            return [{ path: `${spec.path}.${group}[${index}]`, name: isKnown(name) && typeof name === "string" ? name : undefined, container, pod: spec.pod }];
        });
    });
}

/** ` (container "runtime")` for messages. */
export const containerLabel = (c: ContainerView) => (c.name ? ` (container ${JSON.stringify(c.name)})` : "");

/** A field below an object read safely: UNKNOWN-safe chain of keys; undefined when absent. */
export function field(obj: unknown, ...keys: string[]) {
    return peek(() => keys.reduce<any>((node, key) => record(node)?.[key], obj));
}

/** Whether a label selector selects the labels; undefined when a part of it is unknown. An empty selector selects every pod. */
export function selectorMatches(selector: unknown, labels: Record<string, unknown>): boolean | undefined {
    const s = record(selector);
    if (!s) return undefined;
    const matchLabels = peek(() => s.matchLabels);
    const expressions = peek(() => s.matchExpressions);
    if (!isKnown(matchLabels) || !isKnown(expressions)) return undefined;
    const wanted = record(matchLabels) ?? {};
    for (const key of Object.keys(wanted)) {
        const value = peek(() => wanted[key]);
        if (!isKnown(value)) return undefined;
        if (labels[key] !== value) return false;
    }
    for (const { value } of items(expressions)) {
        const e = isKnown(value) ? record(value) : undefined;
        const key = e ? peek(() => e.key) : undefined;
        const operator = e ? peek(() => e.operator) : undefined;
        const values = e ? peek(() => e.values) : undefined;
        if (!e || !isKnown(key) || !isKnown(operator) || !isKnown(values)) return undefined;
        const present = typeof key === "string" && key in labels;
        const among = present && Array.isArray(values) && values.includes(labels[key as string]);
        const ok = operator === "In" ? among : operator === "NotIn" ? !among : operator === "Exists" ? present : operator === "DoesNotExist" ? !present : undefined;
        if (ok === undefined) return undefined;
        if (!ok) return false;
    }
    return true;
}
