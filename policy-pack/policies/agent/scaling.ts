// Replicas and autoscaling: redundancy in production, coherent bounds, scale-to-zero only on real demand signals.
import type { ResourceRule } from "../../production";
import { isKnown, items, peek, record, show } from "../values";
import { AGENT_DEFAULTS, autoscaling, isAgentRuntime, specField } from "./spec";

export interface RedundancySettings {
    minimumReplicas: number;
    allowScaleToZero: boolean;
}

export const agentReplicasRedundant: ResourceRule<RedundancySettings> = {
    id: "agent-replicas-redundant",
    description: "The agent runs at least two pods: replicas >= 2 without autoscaling, minReplicas >= 2 with it (KEDA scale-to-zero excepted).",
    severity: "medium",
    scope: "production",
    remediationSteps: "Set spec.runtime.replicas to 2 or more, or enable spec.runtime.autoscaling with minReplicas >= 2 (or 0 with keda and a demand trigger).",
    settings: {
        minimumReplicas: { type: "integer", minimum: 1, default: 2, description: "Fewest pods a production agent may run." },
        allowScaleToZero: { type: "boolean", default: true, description: "Accept minReplicas 0 with keda (scale to zero)." },
    },
    defaults: { minimumReplicas: 2, allowScaleToZero: true },
    validateResource: (args, report, settings) => {
        if (!isAgentRuntime(args)) return;
        const minimum = settings.minimumReplicas;
        const scaling = autoscaling(args);
        if (!isKnown(scaling.enabled)) return;
        if (!scaling.enabled) {
            const replicas = specField<number>(args, ["runtime", "replicas"]);
            if (!isKnown(replicas)) return;
            const value = replicas ?? AGENT_DEFAULTS.replicas;
            if (typeof value === "number" && value < minimum) {
                const shown = replicas === undefined ? `unset (defaults to ${value})` : show(value);
                report(`spec.runtime.replicas: ${shown} is below ${minimum} and autoscaling is off; one pod is a single point of failure`);
            }
            return;
        }
        const { minReplicas, type } = scaling;
        if (!isKnown(minReplicas) || !isKnown(type) || typeof minReplicas !== "number") return;
        if (minReplicas === 0 && type === "keda" && settings.allowScaleToZero) return;
        if (minReplicas < minimum) {
            report(`spec.runtime.autoscaling.minReplicas: ${show(minReplicas)} is below ${minimum}; the agent would run a single pod`);
        }
    },
};

export const agentAutoscalingRange: ResourceRule = {
    id: "agent-autoscaling-range",
    description: "Autoscaling bounds are coherent: minReplicas <= maxReplicas.",
    severity: "medium",
    scope: "always",
    remediationSteps: "Make spec.runtime.autoscaling.maxReplicas at least minReplicas (defaults: min 1, max 10).",
    validateResource: (args, report) => {
        if (!isAgentRuntime(args)) return;
        const { enabled, minReplicas, maxReplicas } = autoscaling(args);
        if (!isKnown(enabled) || !enabled || !isKnown(minReplicas) || !isKnown(maxReplicas)) return;
        if (typeof minReplicas === "number" && typeof maxReplicas === "number" && minReplicas > maxReplicas) {
            report(`spec.runtime.autoscaling.maxReplicas: ${show(maxReplicas)} is below minReplicas ${show(minReplicas)}`);
        }
    },
};

export interface CapSettings {
    maxReplicasCap: number;
}

export const agentAutoscalingCap: ResourceRule<CapSettings> = {
    id: "agent-autoscaling-cap",
    description: "Autoscaling maxReplicas stays under a configured cap (default 50), bounding cost and LLM quota use.",
    severity: "medium",
    scope: "production",
    remediationSteps: "Lower spec.runtime.autoscaling.maxReplicas to the cap, or raise maxReplicasCap in the policy config.",
    settings: { maxReplicasCap: { type: "integer", minimum: 1, default: 50, description: "Largest maxReplicas accepted." } },
    defaults: { maxReplicasCap: 50 },
    validateResource: (args, report, settings) => {
        if (!isAgentRuntime(args)) return;
        const { enabled, maxReplicas } = autoscaling(args);
        if (!isKnown(enabled) || !enabled || !isKnown(maxReplicas) || typeof maxReplicas !== "number") return;
        if (maxReplicas > settings.maxReplicasCap) {
            report(`spec.runtime.autoscaling.maxReplicas: ${show(maxReplicas)} is above the cap of ${settings.maxReplicasCap}`);
        }
    },
};

/** KEDA scalers that measure pods that exist: they can never wake a deployment scaled to zero. */
const POD_METRIC_TRIGGERS = ["cpu", "memory"];

export const agentScaleToZeroTrigger: ResourceRule = {
    id: "agent-scale-to-zero-trigger",
    description: 'minReplicas 0 only with type "keda" and at least one trigger that is not cpu or memory (which cannot wake a scaled-to-zero agent).',
    severity: "high",
    scope: "always",
    remediationSteps: 'Use type "keda" for scale-to-zero and add a demand trigger (e.g. prometheus on active connections, or cron), or set minReplicas to 1 or more.',
    validateResource: (args, report) => {
        if (!isAgentRuntime(args)) return;
        const { enabled, type, minReplicas, triggers } = autoscaling(args);
        if (!isKnown(enabled) || !enabled || !isKnown(minReplicas) || minReplicas !== 0 || !isKnown(type)) return;
        if (type !== "keda") {
            report(`spec.runtime.autoscaling.minReplicas: 0 is only allowed with type "keda" (got type ${show(type)})`);
            return;
        }
        // No triggers means the component's default prometheus trigger on active connections.
        if (!isKnown(triggers) || triggers === undefined || (Array.isArray(triggers) && peek(() => triggers.length) === 0)) return;
        const types = items(triggers).map(({ value }) => (isKnown(value) ? peek(() => record(value)?.type) : value));
        if (types.some((t) => !isKnown(t))) return;
        if (types.every((t) => POD_METRIC_TRIGGERS.includes(String(t)))) {
            report(`spec.runtime.autoscaling.keda.triggers: ${show(types)} only measure running pods; minReplicas 0 needs a trigger that is not cpu or memory`);
        }
    },
};
