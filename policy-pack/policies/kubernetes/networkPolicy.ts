// Every workload's pods are selected by a NetworkPolicy of the stack that restricts ingress and egress.
import type { PolicyResource } from "@pulumi/policy";
import type { StackRule } from "../../production";
import { isKnown, items, record, show } from "../values";
import { namespaceOf } from "./autoscalers";
import { field, POD_SPEC_PATHS, selectorMatches } from "./workloads";

export const NETWORK_POLICY_TYPE = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

/** The directions a NetworkPolicy restricts: its policyTypes, else Ingress, and Egress when it has egress rules. */
function directions(policy: PolicyResource): Set<string> | undefined {
    const types = field(policy.props, "spec", "policyTypes");
    const egress = field(policy.props, "spec", "egress");
    if (!isKnown(types) || !isKnown(egress)) return undefined;
    if (Array.isArray(types) && types.length) {
        const known = items<string>(types).map(({ value }) => value);
        return known.every(isKnown) ? new Set(known as string[]) : undefined;
    }
    return new Set(["Ingress", ...(Array.isArray(egress) && egress.length ? ["Egress"] : [])]);
}

export const workloadNetworkPolicy: StackRule = {
    id: "workload-network-policy",
    description: "Every workload's pods are selected by a NetworkPolicy of the stack that restricts both their ingress and their egress.",
    severity: "high",
    scope: "production",
    remediationSteps:
        "AgentRuntime: keep networkPolicy enabled (the default). Other workloads: add a networking.k8s.io/v1 NetworkPolicy in their namespace whose podSelector matches the pod labels, with policyTypes [Ingress, Egress].",
    validateStack: (args, report) => {
        const policies = args.resources.filter((r) => r.type === NETWORK_POLICY_TYPE);
        for (const workload of args.resources.filter((r) => r.type in POD_SPEC_PATHS && r.type !== "kubernetes:core/v1:Pod")) {
            const name = field(workload.props, "metadata", "name");
            const namespace = namespaceOf(workload);
            const labels = record(field(workload.props, "spec", "template", "metadata", "labels"));
            if (!isKnown(name) || namespace === undefined || !labels) continue;
            const restricted = new Set<string>();
            let undecided = false;
            for (const policy of policies) {
                if (namespaceOf(policy) !== namespace) {
                    undecided ||= namespaceOf(policy) === undefined;
                    continue;
                }
                const selects = selectorMatches(field(policy.props, "spec", "podSelector"), labels);
                const restricts = directions(policy);
                if (selects === undefined || restricts === undefined) undecided = true;
                else if (selects) for (const d of restricts) restricted.add(d);
            }
            const missing = ["Ingress", "Egress"].filter((d) => !restricted.has(d));
            if (undecided || missing.length === 0) continue;
            const kind = workload.type.split(":").pop();
            const what = missing.length === 2 ? "no NetworkPolicy selects its pods" : `no NetworkPolicy restricts its ${missing[0].toLowerCase()}`;
            report(`${kind} ${show(`${namespace}/${name}`)}: ${what}; add one with policyTypes [Ingress, Egress]`, workload.urn);
        }
    },
};
