// Objects live in a namespace of their own, never `default`.
import type { ResourceRule } from "../../production";
import { isKnown, show } from "../values";
import { field } from "./workloads";

/** Namespaced kinds the pack knows (the AgentRuntime component makes all of these). */
export const NAMESPACED_TYPES = [
    "kubernetes:apps/v1:Deployment",
    "kubernetes:apps/v1:StatefulSet",
    "kubernetes:apps/v1:DaemonSet",
    "kubernetes:core/v1:Pod",
    "kubernetes:core/v1:Service",
    "kubernetes:core/v1:ServiceAccount",
    "kubernetes:core/v1:ConfigMap",
    "kubernetes:core/v1:Secret",
    "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
    "kubernetes:policy/v1:PodDisruptionBudget",
    "kubernetes:keda.sh/v1alpha1:ScaledObject",
    "kubernetes:batch/v1:Job",
    "kubernetes:batch/v1:CronJob",
];

export const namespaceNotDefault: ResourceRule = {
    id: "namespace-not-default",
    description: "Namespaced objects are not in the `default` namespace.",
    severity: "low",
    scope: "production",
    remediationSteps: "Set metadata.namespace (for the AgentRuntime component: metadata.namespace) to the team's namespace, or set `namespace` on the Kubernetes provider.",
    validateResource: (args, report) => {
        if (!NAMESPACED_TYPES.includes(args.type)) return;
        const namespace = field(args.props, "metadata", "namespace");
        if (!isKnown(namespace)) return;
        if (namespace === undefined || namespace === "") {
            // Without one, the provider's namespace applies (or `default`).
            const fromProvider = args.provider ? field(args.provider.props, "namespace") : undefined;
            if (!isKnown(fromProvider) || (fromProvider && fromProvider !== "default")) return;
            report('metadata.namespace: not set, so the object goes to "default"; set a namespace');
        } else if (namespace === "default") {
            report(`metadata.namespace: ${show(namespace)}; use a dedicated namespace`);
        }
    },
};
