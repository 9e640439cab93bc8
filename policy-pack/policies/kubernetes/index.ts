// Rules on Kubernetes objects: they also catch objects made without the AgentRuntime component.
import type { Rule } from "../../production";
import { autoscaledDeploymentNoReplicas, deploymentPodDisruptionBudget, deploymentSingleAutoscaler } from "./autoscalers";
import {
    containerCapabilitiesDropAll,
    containerEphemeralStorageBounded,
    containerEnvSecretsFromRef,
    containerImagePinned,
    containerNoPrivilegeEscalation,
    containerProbes,
    containerResourcesBounded,
    containerRunAsNonRoot,
    containerSeccompProfile,
} from "./containers";
import { namespaceNotDefault } from "./namespace";
import { workloadNetworkPolicy } from "./networkPolicy";
import { serviceClusterIp } from "./service";

export const kubernetesRules: Rule[] = [
    containerResourcesBounded,
    containerEphemeralStorageBounded,
    containerImagePinned,
    containerRunAsNonRoot,
    containerNoPrivilegeEscalation,
    containerCapabilitiesDropAll,
    containerSeccompProfile,
    containerProbes,
    containerEnvSecretsFromRef,
    serviceClusterIp,
    namespaceNotDefault,
    autoscaledDeploymentNoReplicas,
    deploymentSingleAutoscaler,
    deploymentPodDisruptionBudget,
    workloadNetworkPolicy,
];
