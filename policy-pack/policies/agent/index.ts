// Rules on the AgentRuntime component's inputs.
import type { Rule } from "../../production";
import { agentHandlerRuntime } from "./handler";
import { agentPromptPackPinned, agentPromptPackRefExclusive } from "./promptPack";
import { agentProviderExplicit, agentProviderRef, agentRuntimeCredentials } from "./provider";
import { agentResourcesBounded } from "./resources";
import { agentAutoscalingCap, agentAutoscalingRange, agentReplicasRedundant, agentScaleToZeroTrigger } from "./scaling";
import { agentSessionDurable, agentSessionStoreRef, agentSessionTtlBounds, agentSessionTtlValid } from "./session";
import { agentCronTriggerValid, agentPrometheusInCluster } from "./triggers";

export const agentRules: Rule[] = [
    agentSessionDurable,
    agentSessionStoreRef,
    agentSessionTtlValid,
    agentSessionTtlBounds,
    agentProviderRef,
    agentRuntimeCredentials,
    agentProviderExplicit,
    agentHandlerRuntime,
    agentPromptPackPinned,
    agentPromptPackRefExclusive,
    agentReplicasRedundant,
    agentAutoscalingRange,
    agentAutoscalingCap,
    agentScaleToZeroTrigger,
    agentCronTriggerValid,
    agentPrometheusInCluster,
    agentResourcesBounded,
];
