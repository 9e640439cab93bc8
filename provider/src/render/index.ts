// spec + resolved references -> every Kubernetes object of one agent. Pure and deterministic.
import { createHash } from "crypto";
import type { AgentRuntimeSpec } from "../spec/agentRuntime";
import { renderHorizontalPodAutoscaler, renderScaledObject } from "./autoscaling";
import type { Deployment } from "kubernetes-types/apps/v1";
import type { Service, ServiceAccount } from "kubernetes-types/core/v1";
import type { HorizontalPodAutoscaler } from "kubernetes-types/autoscaling/v2";
import type { PodDisruptionBudget } from "kubernetes-types/policy/v1";
import type { NetworkPolicy } from "kubernetes-types/networking/v1";
import { ephemeralStorageOptions, networkPolicyOptions, type EphemeralStorageOptions, type NetworkPolicyOptions } from "../spec/hardening";
import { renderNetworkPolicy } from "./networkPolicy";
import { credentialBinding } from "./bindings";
import { agentImages, mayRunSeveralPods, renderDeployment, renderPodDisruptionBudget, renderServiceAccount } from "./deployment";
import type { ScaledObject } from "./autoscaling";
import type { NamedConfigMap } from "./companions";
import { agentObjectMeta } from "./labels";
import { renderService } from "./service";
import { renderToolsYaml } from "./toolsConfig";
import { TOOLS_KEY } from "./env";
import type { Images, KubeObject, ObjectMeta, ResolvedProvider, ResolvedReferences, Manifest } from "./types";

export * from "./types";
export * from "./labels";
export * from "./bindings";
export * from "./env";
export * from "./deployment";
export * from "./service";
export * from "./autoscaling";
export * from "./companions";
export * from "./toolsConfig";
export * from "./canonical";
export * from "./networkPolicy";

export interface AgentRuntimeObjects {
    serviceAccount: Manifest<ServiceAccount>;
    deployment: Manifest<Deployment>;
    service: Manifest<Service>;
    horizontalPodAutoscaler?: Manifest<HorizontalPodAutoscaler>;
    scaledObject?: ScaledObject;
    podDisruptionBudget?: Manifest<PodDisruptionBudget>;
    /** Absent when the component's networkPolicy.enabled is false. */
    networkPolicy?: Manifest<NetworkPolicy>;
    /** `<agent>-tools`, key tools.yaml, in the agent's namespace. */
    toolsConfigMap?: NamedConfigMap;
    /** Set when the provider's Secret lives in another namespace and must be copied next to the agent. */
    credentialsCopy?: {
        from: { namespace: string; name: string };
        metadata: { name: string; namespace: string; labels: Record<string, string>; annotations?: Record<string, string> };
    };
}

export interface RenderOptions {
    /** Image overrides below the CRD's own fields (spec.facade.image, spec.framework.image). */
    images?: Images;
    /** Changes when credential values change (e.g. a hash of a managed Secret), so pods roll. */
    credentialsVersion?: string;
    /** The component's networkPolicy argument, validated; default: on. */
    networkPolicy?: NetworkPolicyOptions;
    /** The component's ephemeralStorage argument, validated; default: its schema's defaults. */
    ephemeralStorage?: EphemeralStorageOptions;
}

/** The render options a validated AgentRuntime document carries: the component's arguments beside the spec. */
export function documentRenderOptions(doc: { images?: Images; networkPolicy?: NetworkPolicyOptions; ephemeralStorage?: EphemeralStorageOptions }): RenderOptions {
    return { images: doc.images, networkPolicy: doc.networkPolicy, ephemeralStorage: doc.ephemeralStorage };
}

const DEFAULT_NETWORK_POLICY = networkPolicyOptions.parse(undefined);
const DEFAULT_EPHEMERAL_STORAGE = ephemeralStorageOptions.parse(undefined);

/** Hash of everything the pods read outside their template: pack content, tools, provider settings, credentials. */
export function configHash(refs: ResolvedReferences, toolsYaml: string | undefined, credentialsVersion = ""): string {
    const material = JSON.stringify([refs.promptPack, refs.provider ?? null, toolsYaml ?? null, credentialsVersion]);
    return createHash("sha256").update(material).digest("hex").slice(0, 16);
}

export function renderAgentRuntime(meta: ObjectMeta, spec: AgentRuntimeSpec, refs: ResolvedReferences, options: RenderOptions = {}): AgentRuntimeObjects {
    const images = agentImages(spec, options.images);
    const usesRuntime = spec.facade.handler === "runtime";
    const binding = usesRuntime && refs.provider ? credentialBinding(meta, refs.provider) : undefined;
    const bound: ResolvedReferences = {
        promptPack: refs.promptPack,
        provider: usesRuntime && refs.provider ? { ...refs.provider, secretRef: binding!.secretRef } : undefined,
        toolRegistry: usesRuntime ? refs.toolRegistry : undefined,
    };
    const toolsYaml = bound.toolRegistry ? renderToolsYaml(bound.toolRegistry.handlers) : undefined;
    const hash = configHash(bound, toolsYaml, options.credentialsVersion);
    const autoscaling = spec.runtime.autoscaling;
    const networkPolicy = options.networkPolicy ?? DEFAULT_NETWORK_POLICY;
    return {
        serviceAccount: renderServiceAccount(meta),
        deployment: renderDeployment(meta, spec, bound, images, hash, options.ephemeralStorage ?? DEFAULT_EPHEMERAL_STORAGE),
        service: renderService(meta, spec),
        ...(autoscaling.enabled && autoscaling.type === "hpa" ? { horizontalPodAutoscaler: renderHorizontalPodAutoscaler(meta, spec) } : {}),
        ...(autoscaling.enabled && autoscaling.type === "keda" ? { scaledObject: renderScaledObject(meta, spec) } : {}),
        ...(mayRunSeveralPods(spec) ? { podDisruptionBudget: renderPodDisruptionBudget(meta) } : {}),
        ...(networkPolicy.enabled ? { networkPolicy: renderNetworkPolicy(meta, spec, bound, networkPolicy) } : {}),
        ...(toolsYaml !== undefined
            ? {
                  toolsConfigMap: {
                      apiVersion: "v1",
                      kind: "ConfigMap",
                      metadata: agentObjectMeta(meta, `${meta.name}-tools`),
                      data: { [TOOLS_KEY]: toolsYaml },
                  },
              }
            : {}),
        ...(binding?.copyFrom ? { credentialsCopy: { from: binding.copyFrom, metadata: agentObjectMeta(meta, binding.secretRef.name) } } : {}),
    };
}

/** The inline provider as the runtime sees it (its defaults, pricing and baseURL are not read by this generation). */
export function resolveInlineProvider(provider: NonNullable<AgentRuntimeSpec["provider"]>): ResolvedProvider {
    return { type: provider.type, model: provider.model, secretRef: provider.secretRef };
}

/** The objects in apply order (dependencies first), for manifests. */
export function agentRuntimeObjectList(objects: AgentRuntimeObjects): KubeObject[] {
    const ordered: (KubeObject | undefined)[] = [
        objects.serviceAccount,
        objects.toolsConfigMap,
        objects.networkPolicy,
        objects.deployment,
        objects.service,
        objects.horizontalPodAutoscaler,
        objects.scaledObject,
        objects.podDisruptionBudget,
    ];
    return ordered.filter((o): o is KubeObject => o !== undefined);
}
