// Stack rules: Deployments, the autoscalers that target them, and their disruption budgets.
import type { PolicyResource } from "@pulumi/policy";
import type { StackRule } from "../../production";
import { isKnown, items, peek, record, show } from "../values";
import { field, selectorMatches } from "./workloads";

export const DEPLOYMENT_TYPE = "kubernetes:apps/v1:Deployment";
export const HPA_TYPE = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
export const SCALED_OBJECT_TYPE = "kubernetes:keda.sh/v1alpha1:ScaledObject";
export const PDB_TYPE = "kubernetes:policy/v1:PodDisruptionBudget";

/** The namespace an object lands in (its own, else its provider's, else `default`); undefined when unknown. */
export function namespaceOf(r: PolicyResource): string | undefined {
    const namespace = field(r.props, "metadata", "namespace");
    const fromProvider = r.provider ? field(r.provider.props, "namespace") : undefined;
    if (!isKnown(namespace) || !isKnown(fromProvider)) return undefined;
    return namespace || fromProvider || "default";
}

/** `namespace/name` of an object (or of the object it names); undefined when either is unknown. */
function keyOf(r: PolicyResource, name: unknown = field(r.props, "metadata", "name")): string | undefined {
    const namespace = namespaceOf(r);
    if (!isKnown(name) || typeof name !== "string" || namespace === undefined) return undefined;
    return `${namespace}/${name}`;
}

interface Autoscaler {
    resource: PolicyResource;
    kind: "HorizontalPodAutoscaler" | "ScaledObject";
    key: string;
    /** Target Deployment as namespace/name. */
    target: string;
    minReplicas: number | undefined;
    /** The most pods it can run (HPA maxReplicas; ScaledObject maxReplicaCount, default 100). */
    maxReplicas: number | undefined;
}

/** HPAs and ScaledObjects whose Deployment target is known. */
function autoscalers(resources: PolicyResource[]): Autoscaler[] {
    return resources.flatMap((r): Autoscaler[] => {
        const kind = r.type === HPA_TYPE ? "HorizontalPodAutoscaler" : r.type === SCALED_OBJECT_TYPE ? "ScaledObject" : undefined;
        if (!kind) return [];
        const targetKind = field(r.props, "spec", "scaleTargetRef", "kind");
        const targetName = field(r.props, "spec", "scaleTargetRef", "name");
        // ScaledObject targets a Deployment unless told otherwise; an HPA always names the kind.
        if (!isKnown(targetKind) || (targetKind ?? (kind === "ScaledObject" ? "Deployment" : undefined)) !== "Deployment") return [];
        const key = keyOf(r);
        const target = keyOf(r, targetName);
        if (!key || !target) return [];
        const min = field(r.props, "spec", kind === "ScaledObject" ? "minReplicaCount" : "minReplicas");
        // Defaults: HPA minReplicas 1, ScaledObject minReplicaCount 0.
        const minReplicas = !isKnown(min) ? undefined : typeof min === "number" ? min : kind === "ScaledObject" ? 0 : 1;
        const max = field(r.props, "spec", kind === "ScaledObject" ? "maxReplicaCount" : "maxReplicas");
        const maxReplicas = !isKnown(max) ? undefined : typeof max === "number" ? max : kind === "ScaledObject" ? 100 : undefined;
        return [{ resource: r, kind, key, target, minReplicas, maxReplicas }];
    });
}

const deployments = (resources: PolicyResource[]) =>
    resources
        .filter((r) => r.type === DEPLOYMENT_TYPE)
        .flatMap((r) => {
            const key = keyOf(r);
            return key ? [{ resource: r, key }] : [];
        });

/**
 * Whether this program writes spec.replicas. Stack policies see outputs: the live object, where the
 * API server always fills replicas. When managedFields are there, only a Pulumi field manager counts;
 * without them (a preview of a new object) the field's presence does.
 */
function writesReplicas(r: PolicyResource): { writes: boolean; value?: unknown } {
    const replicas = field(r.props, "spec", "replicas");
    if (!isKnown(replicas) || replicas === undefined) return { writes: false };
    const managed = field(r.props, "metadata", "managedFields");
    if (!isKnown(managed) || !Array.isArray(managed) || managed.length === 0) return { writes: true, value: replicas };
    const writes = items(managed).some(({ value }) => {
        const entry = isKnown(value) ? record(value) : undefined;
        const manager = entry ? peek(() => entry.manager) : undefined;
        if (!isKnown(manager) || typeof manager !== "string" || !manager.startsWith("pulumi")) return false;
        const spec = field(entry, "fieldsV1", "f:spec");
        return isKnown(spec) && record(spec) !== undefined && "f:replicas" in (spec as object);
    });
    return { writes, value: replicas };
}

const describe = (a: Autoscaler) => `${a.kind} ${show(a.key)}`;

const PATCH_FORCE = "pulumi.com/patchForce";
/** `ignoreChanges` paths that cover spec.replicas. */
const REPLICAS_IGNORED = new Set(["*", "spec", "spec.replicas", 'spec["replicas"]']);

export const autoscaledDeploymentNoReplicas: StackRule = {
    id: "autoscaled-deployment-no-replicas",
    description:
        "Pulumi never pushes the count of a Deployment scaled by an HPA or ScaledObject: spec.replicas is absent or in ignoreChanges, and the Deployment is not force-applied (pulumi.com/patchForce).",
    severity: "medium",
    scope: "always",
    remediationSteps:
        'Remove spec.replicas from the Deployment, or keep it as the starting count with ignoreChanges: ["spec.replicas"] (what the AgentRuntime component does), and remove the pulumi.com/patchForce annotation.',
    validateStack: (args, report) => {
        const scalers = autoscalers(args.resources);
        for (const d of deployments(args.resources)) {
            const by = scalers.filter((a) => a.target === d.key);
            if (by.length === 0) continue;
            const { writes, value } = writesReplicas(d.resource);
            if (!writes) continue;
            const scaledBy = by.map(describe).join(" and ");
            const forced = peek(() => field(d.resource.props, "metadata", "annotations", PATCH_FORCE));
            if (!d.resource.opts.ignoreChanges.some((p) => REPLICAS_IGNORED.has(p))) {
                report(
                    `spec.replicas: ${show(value)} is set on Deployment ${show(d.key)}, which ${scaledBy} scales; remove it or add ignoreChanges: ["spec.replicas"]`,
                    d.resource.urn,
                );
            } else if (forced === "true") {
                report(
                    `metadata.annotations["${PATCH_FORCE}"]: "true" on Deployment ${show(d.key)}, which ${scaledBy} scales, takes spec.replicas back from the autoscaler; remove it`,
                    d.resource.urn,
                );
            }
        }
    },
};

export const deploymentSingleAutoscaler: StackRule = {
    id: "deployment-single-autoscaler",
    description: "A Deployment is scaled by one autoscaler: never both an HPA and a KEDA ScaledObject (which makes its own HPA).",
    severity: "high",
    scope: "always",
    remediationSteps: "Keep either the HorizontalPodAutoscaler or the ScaledObject for the Deployment (AgentRuntime: autoscaling.type hpa or keda).",
    validateStack: (args, report) => {
        const scalers = autoscalers(args.resources);
        const targets = [...new Set(scalers.map((a) => a.target))];
        for (const target of targets) {
            const hpas = scalers.filter((a) => a.target === target && a.kind === "HorizontalPodAutoscaler");
            const keda = scalers.filter((a) => a.target === target && a.kind === "ScaledObject");
            if (hpas.length && keda.length) {
                report(`spec.scaleTargetRef.name: Deployment ${show(target)} is targeted by ${[...hpas, ...keda].map(describe).join(" and ")}; keep one`, keda[0].resource.urn);
            }
        }
    },
};

export const deploymentPodDisruptionBudget: StackRule = {
    id: "deployment-pod-disruption-budget",
    description: "Every Deployment that can run 2 or more pods (replicas, or its autoscaler's maximum) has a PodDisruptionBudget selecting its pods.",
    severity: "medium",
    scope: "production",
    remediationSteps:
        "Add a policy/v1 PodDisruptionBudget in the Deployment's namespace with maxUnavailable: 1 (never blocks a drain) and selector.matchLabels equal to the pod labels (the AgentRuntime component adds one whenever the agent can run 2+ pods).",
    validateStack: (args, report) => {
        const scalers = autoscalers(args.resources);
        const budgets = args.resources.filter((r) => r.type === PDB_TYPE);
        for (const d of deployments(args.resources)) {
            const by = scalers.filter((a) => a.target === d.key);
            let pods: number | undefined;
            if (by.length) {
                const maxima = by.map((a) => a.maxReplicas);
                if (maxima.some((m) => m === undefined)) continue;
                pods = Math.max(...(maxima as number[]));
            } else {
                const replicas = field(d.resource.props, "spec", "replicas");
                if (!isKnown(replicas)) continue;
                pods = typeof replicas === "number" ? replicas : 1;
            }
            if (pods < 2) continue;
            const labels = record(field(d.resource.props, "spec", "template", "metadata", "labels"));
            if (!labels) continue;
            const namespace = d.key.split("/")[0];
            const selecting = budgets.filter((b) => namespaceOf(b) === namespace).map((b) => selectorMatches(field(b.props, "spec", "selector"), labels));
            // A selector not known in preview leaves it undecided.
            if (!selecting.includes(true) && !selecting.includes(undefined)) {
                const runs = by.length ? `can scale to ${pods} pods` : `runs ${pods} pods`;
                report(`Deployment ${show(d.key)}: ${runs} but no PodDisruptionBudget selects its pods; add one`, d.resource.urn);
            }
        }
    },
};
