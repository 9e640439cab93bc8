// The autoscaler of an agent: a HorizontalPodAutoscaler (hpa) or a KEDA ScaledObject (keda).
import type { AgentRuntimeSpec, KedaTrigger } from "../spec/agentRuntime";
import { sortKeys } from "./canonical";
import { agentObjectMeta } from "./labels";
import type { HorizontalPodAutoscaler, MetricSpec } from "kubernetes-types/autoscaling/v2";
import type { KubeObject, ObjectMeta, Manifest } from "./types";

/** KEDA's ScaledObject (keda.sh/v1alpha1), the fields we write. */
export type ScaledObject = KubeObject & {
    spec: {
        scaleTargetRef: { name: string };
        pollingInterval: number;
        cooldownPeriod: number;
        minReplicaCount: number;
        maxReplicaCount: number;
        triggers: { type: string; metadata: Record<string, string> }[];
    };
};

export const DEFAULT_PROMETHEUS_ADDRESS = "http://omnia-prometheus-server.omnia-system.svc.cluster.local/prometheus";

const resourceMetric = (name: "memory" | "cpu", averageUtilization: number): MetricSpec => ({
    type: "Resource",
    resource: { name, target: { type: "Utilization", averageUtilization } },
});

export function renderHorizontalPodAutoscaler(meta: ObjectMeta, spec: AgentRuntimeSpec): Manifest<HorizontalPodAutoscaler> {
    const a = spec.runtime.autoscaling;
    return {
        apiVersion: "autoscaling/v2",
        kind: "HorizontalPodAutoscaler",
        metadata: agentObjectMeta(meta),
        spec: {
            scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: meta.name },
            minReplicas: a.minReplicas,
            maxReplicas: a.maxReplicas,
            metrics: [resourceMetric("memory", a.targetMemoryUtilizationPercentage), resourceMetric("cpu", a.targetCPUUtilizationPercentage)],
            behavior: {
                scaleDown: {
                    stabilizationWindowSeconds: a.scaleDownStabilizationSeconds,
                    policies: [{ type: "Percent", value: 50, periodSeconds: 60 }],
                },
                scaleUp: {
                    stabilizationWindowSeconds: 0,
                    policies: [
                        { type: "Percent", value: 100, periodSeconds: 15 },
                        { type: "Pods", value: 4, periodSeconds: 15 },
                    ],
                    selectPolicy: "Max",
                },
            },
        },
    };
}

/** Scales on active connections, as the operator does, when no trigger is given. */
export function defaultKedaTrigger(meta: ObjectMeta): KedaTrigger {
    return {
        type: "prometheus",
        metadata: {
            serverAddress: DEFAULT_PROMETHEUS_ADDRESS,
            query: `sum(omnia_agent_connections_active{agent="${meta.name}",namespace="${meta.namespace}"}) or vector(0)`,
            threshold: "10",
        },
    };
}

export function renderScaledObject(meta: ObjectMeta, spec: AgentRuntimeSpec): ScaledObject {
    const a = spec.runtime.autoscaling;
    return {
        apiVersion: "keda.sh/v1alpha1",
        kind: "ScaledObject",
        metadata: agentObjectMeta(meta),
        spec: {
            scaleTargetRef: { name: meta.name },
            pollingInterval: a.keda.pollingInterval,
            cooldownPeriod: a.keda.cooldownPeriod,
            minReplicaCount: a.minReplicas,
            maxReplicaCount: a.maxReplicas,
            triggers: a.keda.triggers?.length ? a.keda.triggers.map((t) => ({ type: t.type, metadata: sortKeys(t.metadata) })) : [defaultKedaTrigger(meta)],
        },
    };
}
