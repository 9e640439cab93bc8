// Readiness outputs with the CRD's status shape, derived from the live Deployment and Service.
import type { AgentRuntimeStatus, Condition } from "../spec/status";

export type { AgentRuntimeStatus, Condition };

/** The live fields status is computed from (Deployment and Service outputs after the apply). */
export interface LiveState {
    deployment: {
        spec?: { replicas?: number };
        status?: {
            replicas?: number;
            readyReplicas?: number;
            availableReplicas?: number;
            conditions?: { type: string; status: string; reason?: string; message?: string }[];
        };
    };
    service: { spec?: { clusterIP?: string } };
    promptPack: { name: string; version: string };
    provider?: { name: string; namespace?: string };
    toolRegistry?: { name: string; namespace: string };
    /** Kind of autoscaler created, when autoscaling is on. */
    autoscaler?: "HorizontalPodAutoscaler" | "ScaledObject";
    handler: string;
}

const condition = (type: string, ok: boolean, reason: string, message: string): Condition => ({
    type,
    status: ok ? "True" : "False",
    reason,
    message,
});

export function agentStatus(live: LiveState): AgentRuntimeStatus {
    const s = live.deployment.status ?? {};
    const replicas = {
        desired: live.deployment.spec?.replicas ?? s.replicas ?? 0,
        ready: s.readyReplicas ?? 0,
        available: s.availableReplicas ?? 0,
    };
    const progressing = s.conditions?.find((c) => c.type === "Progressing");
    const failed = progressing?.status === "False" && progressing.reason === "ProgressDeadlineExceeded";
    const deploymentReady = replicas.ready > 0 && replicas.ready >= replicas.desired;
    const conditions: Condition[] = [
        failed
            ? condition("DeploymentReady", false, "ProgressDeadlineExceeded", progressing?.message ?? "rollout failed")
            : condition("DeploymentReady", deploymentReady, deploymentReady ? "ReplicasReady" : "ReplicasNotReady", `${replicas.ready}/${replicas.desired} replicas ready`),
        live.service.spec?.clusterIP
            ? condition("ServiceReady", true, "ClusterIPAssigned", `cluster IP ${live.service.spec.clusterIP}`)
            : condition("ServiceReady", false, "NoClusterIP", "the Service has no cluster IP yet"),
        condition("PromptPackReady", true, "Resolved", `PromptPack "${live.promptPack.name}" version ${live.promptPack.version}`),
        live.provider
            ? condition(
                  "ProviderReady",
                  true,
                  "Resolved",
                  live.provider.namespace ? `Provider "${live.provider.namespace}/${live.provider.name}"` : `inline provider "${live.provider.name}"`,
              )
            : condition("ProviderReady", true, "NotRequired", `handler "${live.handler}" needs no provider`),
        live.toolRegistry
            ? condition("ToolRegistryReady", true, "Resolved", `ToolRegistry "${live.toolRegistry.namespace}/${live.toolRegistry.name}"`)
            : condition("ToolRegistryReady", true, "NotConfigured", "no tool registry referenced"),
        ...(live.autoscaler ? [condition("AutoscalingReady", true, "Created", `${live.autoscaler} targets the Deployment`)] : []),
    ];
    const ready = conditions.every((c) => c.status === "True");
    conditions.unshift(
        condition(
            "Ready",
            ready,
            ready ? "AllReady" : "NotReady",
            ready
                ? "the agent is serving"
                : `not ready: ${conditions
                      .filter((c) => c.status !== "True")
                      .map((c) => c.type)
                      .join(", ")}`,
        ),
    );
    return { phase: failed ? "Failed" : replicas.ready > 0 ? "Running" : "Pending", replicas, conditions };
}
