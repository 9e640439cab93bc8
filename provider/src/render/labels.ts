// Labels shared by every object of an agent; the selector subset never changes after creation.
export const MANAGED_BY = "pulumi-omnia";

export function selectorLabels(agentName: string): Record<string, string> {
    return { "app.kubernetes.io/name": "omnia-agent", "app.kubernetes.io/instance": agentName };
}

export function agentLabels(agentName: string, extra?: Record<string, string>): Record<string, string> {
    return {
        ...extra,
        ...selectorLabels(agentName),
        "app.kubernetes.io/managed-by": MANAGED_BY,
        "omnia.altairalabs.ai/component": "agent",
    };
}

/** Metadata of an agent's object named after the agent. */
export function agentObjectMeta(meta: { name: string; namespace: string; labels?: Record<string, string> }) {
    return { name: meta.name, namespace: meta.namespace, labels: agentLabels(meta.name, meta.labels) };
}
