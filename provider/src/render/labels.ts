// Labels and metadata of every object the package writes. The user's labels and annotations
// (metadata.labels/annotations) reach every object; where a user label has one of the keys set
// here, the package's value wins (selectors rely on it, as the operator's do).
export const MANAGED_BY = "pulumi-omnia";
export const KIND_LABEL = "omnia.altairalabs.ai/kind";
export const PROMPTPACK_LABEL = "omnia.altairalabs.ai/promptpack";
export const VERSION_LABEL = "omnia.altairalabs.ai/version";

const NAME_LABEL = "app.kubernetes.io/name";
const INSTANCE_LABEL = "app.kubernetes.io/instance";
const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
const COMPONENT_LABEL = "omnia.altairalabs.ai/component";

interface Meta {
    name: string;
    namespace: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
}

export function selectorLabels(agentName: string): Record<string, string> {
    return { [NAME_LABEL]: "omnia-agent", [INSTANCE_LABEL]: agentName };
}

export function agentLabels(agentName: string, extra?: Record<string, string>): Record<string, string> {
    return { ...extra, ...selectorLabels(agentName), [MANAGED_BY_LABEL]: MANAGED_BY, [COMPONENT_LABEL]: "agent" };
}

/** Labels of a companion's objects (descriptor, pack versions). */
export function companionLabels(kind: string, meta: Meta): Record<string, string> {
    return { ...meta.labels, [MANAGED_BY_LABEL]: MANAGED_BY, [KIND_LABEL]: kind };
}

/** Metadata of one object: its name, the owner's namespace, the given labels, the user's annotations. */
export function objectMeta(meta: Meta, name: string, labels: Record<string, string>, annotations?: Record<string, string>) {
    const merged = { ...meta.annotations, ...annotations };
    return { name, namespace: meta.namespace, labels, ...(Object.keys(merged).length ? { annotations: merged } : {}) };
}

/** Metadata of an agent's object named after the agent (or `name`). */
export function agentObjectMeta(meta: Meta, name = meta.name) {
    return objectMeta(meta, name, agentLabels(meta.name, meta.labels));
}
