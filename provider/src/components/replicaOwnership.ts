// Who sets an agent Deployment's spec.replicas, in server-side apply terms. Decided here only.
//
// - Autoscaling off: the Deployment's own Pulumi field manager, with `pulumi.com/patchForce`, so the
//   apply that turns autoscaling off takes the count back from the autoscaler in one step (without
//   force, the autoscaler's ownership of the field is a conflict and `pulumi up` fails).
// - Autoscaling on: a new Deployment starts at the autoscaler's minimum (at least one pod, not the API
//   server's default). From then on `ignoreChanges: ["spec.replicas"]` makes the Kubernetes provider
//   send the live count while its field manager still holds the field, so turning autoscaling on never
//   releases it (a released field is reset to 1 by the API server), and drop the field once the
//   autoscaler has written a count (HPA controller, KEDA), so `pulumi up` never undoes a scaling
//   decision. The field is never forced while an autoscaler may own it.
import type { Deployment } from "kubernetes-types/apps/v1";
import type { AgentRuntimeSpec } from "../spec/agentRuntime";
import type { Manifest } from "../render";

export const REPLICAS_PATH = "spec.replicas";
/** The Kubernetes provider's annotation: on conflicts, take the fields this apply sends. */
export const PATCH_FORCE_ANNOTATION = "pulumi.com/patchForce";

/** The count an agent's Deployment starts with: `runtime.replicas`, or the autoscaler's minimum (at least 1). */
export function startReplicas(spec: AgentRuntimeSpec): number {
    const scaling = spec.runtime.autoscaling;
    return scaling.enabled ? Math.max(1, scaling.minReplicas) : spec.runtime.replicas;
}

/** The rendered Deployment as Pulumi applies it: the count and the force annotation of its state. */
export function withReplicaOwnership(deployment: Manifest<Deployment>, spec: AgentRuntimeSpec): Manifest<Deployment> {
    const autoscaled = spec.runtime.autoscaling.enabled;
    // The force annotation is ours alone: one copied from the agent's annotations would force the
    // count back from an autoscaler.
    const { [PATCH_FORCE_ANNOTATION]: _, ...annotations } = deployment.metadata.annotations ?? {};
    if (!autoscaled) annotations[PATCH_FORCE_ANNOTATION] = "true";
    const { annotations: __, ...metadata } = deployment.metadata;
    return {
        ...deployment,
        metadata: { ...metadata, ...(Object.keys(annotations).length ? { annotations } : {}) },
        spec: { ...deployment.spec!, replicas: startReplicas(spec) },
    };
}

/** `ignoreChanges` of the Deployment: the count, while an autoscaler owns it. */
export function replicaIgnoreChanges(spec: AgentRuntimeSpec): string[] {
    return spec.runtime.autoscaling.enabled ? [REPLICAS_PATH] : [];
}
