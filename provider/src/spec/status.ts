// The readiness outputs of an AgentRuntime (the CRD's status), also typed in the generated schema.
import { z } from "zod";
import { describedEnum } from "./common";

export const conditionStatus = describedEnum("ConditionStatus", {
    True: "The condition holds.",
    False: "The condition does not hold; see reason and message.",
    Unknown: "Not known yet.",
});

export const condition = z
    .strictObject({
        type: z.string().describe("Ready, DeploymentReady, ServiceReady, PromptPackReady, ProviderReady, ToolRegistryReady or AutoscalingReady."),
        status: conditionStatus.describe("True, False or Unknown."),
        reason: z.string().describe("One-word reason, e.g. ReplicasReady."),
        message: z.string().describe("Human-readable detail."),
    })
    .meta({ title: "Condition" })
    .describe("One readiness condition.");

export const agentRuntimeStatus = z
    .strictObject({
        phase: describedEnum("AgentPhase", {
            Pending: "Created, waiting for dependencies or pods.",
            Running: "At least one replica is ready.",
            Failed: "A reference cannot be resolved or the rollout failed.",
        }).describe("Pending, Running or Failed."),
        replicas: z
            .strictObject({
                desired: z.number().int().describe("Desired replicas."),
                ready: z.number().int().describe("Ready replicas."),
                available: z.number().int().describe("Available replicas."),
            })
            .meta({ title: "ReplicaCounts" })
            .describe("Replica counts read from the live Deployment."),
        conditions: z.array(condition).describe("Readiness conditions."),
    })
    .meta({ title: "AgentRuntimeStatus" })
    .describe("Readiness of the agent, with the AgentRuntime CRD's status shape.");

export type Condition = z.output<typeof condition>;
export type AgentRuntimeStatus = z.output<typeof agentRuntimeStatus>;
