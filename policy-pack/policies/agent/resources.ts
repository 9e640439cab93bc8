// Compute resources of the runtime container: requests for scheduling, a memory limit against leaks.
import type { ResourceRule } from "../../production";
import { has, isKnown, peek, record } from "../values";
import { isAgentRuntime, specField } from "./spec";

/** Problems of a Kubernetes `resources` block: missing cpu/memory requests or memory limit (paths relative to it). */
export function resourceProblems(resources: unknown): string[] {
    const block = record(resources);
    if (!block) return ["not set; set requests.cpu, requests.memory and limits.memory"];
    const problems: string[] = [];
    // Only presence is checked: keys are read, never values, so unknown quantities are fine.
    const requests = peek(() => block.requests);
    const limits = peek(() => block.limits);
    if (isKnown(requests)) {
        for (const name of ["cpu", "memory"]) {
            if (!has(requests, name)) problems.push(`requests.${name}: not set`);
        }
    }
    if (isKnown(limits) && !has(limits, "memory")) problems.push("limits.memory: not set");
    return problems;
}

export const agentResourcesBounded: ResourceRule = {
    id: "agent-resources-bounded",
    description: "The runtime container has cpu and memory requests and a memory limit.",
    severity: "medium",
    scope: "production",
    remediationSteps: 'Set spec.runtime.resources.requests.cpu and .memory (e.g. "500m", "256Mi") and spec.runtime.resources.limits.memory (e.g. "512Mi").',
    validateResource: (args, report) => {
        if (!isAgentRuntime(args)) return;
        const resources = specField<unknown>(args, ["runtime", "resources"]);
        if (!isKnown(resources)) return;
        if (resources === undefined) {
            report("spec.runtime.resources: not set; set requests.cpu, requests.memory and limits.memory");
            return;
        }
        for (const problem of resourceProblems(resources)) report(`spec.runtime.resources.${problem}`);
    },
};
