// The hand-written alternative: every Kubernetes object N AgentRuntimes produce (the output of
// `pulumi-omnia render` for the same documents), declared as a plain @pulumi/kubernetes resource
// named after the object (an autoscaled Deployment with its starting count). No component, no
// validation, no dependsOn.
import * as k8s from "@pulumi/kubernetes";
import { readFileSync } from "fs";

const classes: Record<string, new (name: string, args: any) => unknown> = {
    "v1/ConfigMap": k8s.core.v1.ConfigMap,
    "v1/Service": k8s.core.v1.Service,
    "v1/ServiceAccount": k8s.core.v1.ServiceAccount,
    "apps/v1/Deployment": k8s.apps.v1.Deployment,
    "autoscaling/v2/HorizontalPodAutoscaler": k8s.autoscaling.v2.HorizontalPodAutoscaler,
    "policy/v1/PodDisruptionBudget": k8s.policy.v1.PodDisruptionBudget,
    "networking.k8s.io/v1/NetworkPolicy": k8s.networking.v1.NetworkPolicy,
};

const objects: any[] = JSON.parse(readFileSync(process.env.OMNIA_BENCH_OBJECTS!, "utf8"));
// As a careful hand-written program does under an autoscaler: the Deployment starts at the
// autoscaler's minimum (at least 1) and leaves the count to it afterwards.
const autoscaledStart = new Map<string, number>(
    objects
        .filter((o) => o.kind === "HorizontalPodAutoscaler" || o.kind === "ScaledObject")
        .map((o) => [o.spec.scaleTargetRef.name, Math.max(1, o.kind === "ScaledObject" ? o.spec.minReplicaCount : o.spec.minReplicas)]),
);

for (const object of objects) {
    const { apiVersion, kind, ...fields } = object;
    const type = `${apiVersion}/${kind}`;
    const start = kind === "Deployment" ? autoscaledStart.get(object.metadata.name) : undefined;
    if (type === "keda.sh/v1alpha1/ScaledObject") {
        new k8s.apiextensions.CustomResource(object.metadata.name, object);
    } else if (start !== undefined) {
        new k8s.apps.v1.Deployment(object.metadata.name, { ...fields, spec: { ...fields.spec, replicas: start } }, { ignoreChanges: ["spec.replicas"] });
    } else if (classes[type]) {
        new classes[type](object.metadata.name, fields);
    } else {
        throw new Error(`no resource class for ${type}`);
    }
}
