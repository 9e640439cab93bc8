// The agent's Deployment and ServiceAccount, hardened by default.
import type { AgentRuntimeSpec } from "../spec/agentRuntime";
import { FACADE_HEALTH_PORT, PACK_DIR, RUNTIME_GRPC_PORT, RUNTIME_HEALTH_PORT, TOOLS_DIR, facadeEnv, runtimeEnv } from "./env";
import { agentLabels, agentObjectMeta, selectorLabels } from "./labels";
import type { Images, KubeObject, ObjectMeta, ResolvedReferences } from "./types";

export const DEFAULT_IMAGES: Images = {
    facade: "ghcr.io/altairalabs/omnia-facade:0.4.0",
    runtime: "ghcr.io/altairalabs/omnia-runtime:0.4.0",
};
export const RUN_AS = 65532;
export const CONFIG_HASH_ANNOTATION = "omnia.altairalabs.ai/config-hash";
/** The facade gets a small fixed budget; runtime.resources size the runtime, which does the work. */
export const FACADE_RESOURCES = { requests: { cpu: "100m", memory: "64Mi" }, limits: { memory: "128Mi" } };

const containerSecurityContext = {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ["ALL"] },
};
const httpProbe = (path: string, port: number, initialDelaySeconds: number, periodSeconds: number) => ({
    httpGet: { path, port },
    initialDelaySeconds,
    periodSeconds,
    timeoutSeconds: 3,
    failureThreshold: 3,
});
const mount = (name: string, mountPath: string, readOnly = true) => ({ name, mountPath, ...(readOnly ? { readOnly } : {}) });

/** Whether the agent runs at least two pods, and so gets a PodDisruptionBudget and a zone spread. */
export function isMultiReplica(spec: AgentRuntimeSpec): boolean {
    const scaling = spec.runtime.autoscaling;
    return scaling.enabled ? scaling.minReplicas >= 2 : spec.runtime.replicas >= 2;
}

export function renderServiceAccount(meta: ObjectMeta): KubeObject {
    return {
        apiVersion: "v1",
        kind: "ServiceAccount",
        metadata: agentObjectMeta(meta),
        automountServiceAccountToken: false,
    };
}

export function renderDeployment(
    meta: ObjectMeta,
    spec: AgentRuntimeSpec,
    refs: ResolvedReferences,
    images: Images,
    configHash: string,
): KubeObject {
    const withRuntime = spec.facade.handler === "runtime";
    const facade = {
        name: "facade",
        image: images.facade,
        ports: [
            { name: "facade", containerPort: spec.facade.port, protocol: "TCP" },
            { name: "facade-health", containerPort: FACADE_HEALTH_PORT, protocol: "TCP" },
        ],
        env: facadeEnv(meta, spec, refs),
        resources: FACADE_RESOURCES,
        readinessProbe: httpProbe("/readyz", FACADE_HEALTH_PORT, 5, 10),
        livenessProbe: httpProbe("/healthz", FACADE_HEALTH_PORT, 15, 20),
        lifecycle: { preStop: { exec: { command: ["sleep", "5"] } } },
        securityContext: containerSecurityContext,
        volumeMounts: [mount("promptpack", PACK_DIR), mount("facade-tmp", "/tmp", false)],
    };
    const runtime = {
        name: "runtime",
        image: images.runtime,
        ports: [
            { name: "grpc", containerPort: RUNTIME_GRPC_PORT, protocol: "TCP" },
            { name: "runtime-health", containerPort: RUNTIME_HEALTH_PORT, protocol: "TCP" },
        ],
        env: runtimeEnv(meta, spec, refs),
        ...(spec.runtime.resources ? { resources: spec.runtime.resources } : {}),
        readinessProbe: httpProbe("/healthz", RUNTIME_HEALTH_PORT, 5, 10),
        livenessProbe: httpProbe("/healthz", RUNTIME_HEALTH_PORT, 15, 20),
        securityContext: containerSecurityContext,
        volumeMounts: [
            mount("promptpack", PACK_DIR),
            ...(refs.toolRegistry ? [mount("tools", TOOLS_DIR)] : []),
            mount("runtime-tmp", "/tmp", false),
        ],
    };
    const volumes = [
        { name: "promptpack", configMap: { name: refs.promptPack.configMapName } },
        ...(withRuntime && refs.toolRegistry ? [{ name: "tools", configMap: { name: `${meta.name}-tools` } }] : []),
        { name: "facade-tmp", emptyDir: {} },
        ...(withRuntime ? [{ name: "runtime-tmp", emptyDir: {} }] : []),
    ];
    const selector = selectorLabels(meta.name);
    const labels = agentLabels(meta.name, meta.labels);
    return {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: meta.name, namespace: meta.namespace, labels, ...(meta.annotations ? { annotations: meta.annotations } : {}) },
        spec: {
            // The autoscaler owns the count when enabled: writing it would reset the autoscaler on every update.
            ...(spec.runtime.autoscaling.enabled ? {} : { replicas: spec.runtime.replicas }),
            selector: { matchLabels: selector },
            template: {
                metadata: {
                    labels,
                    annotations: {
                        "prometheus.io/scrape": "true",
                        "prometheus.io/port": String(spec.facade.port),
                        "prometheus.io/path": "/metrics",
                        [CONFIG_HASH_ANNOTATION]: configHash,
                    },
                },
                spec: {
                    serviceAccountName: meta.name,
                    automountServiceAccountToken: false,
                    terminationGracePeriodSeconds: 60,
                    securityContext: {
                        runAsNonRoot: true,
                        runAsUser: RUN_AS,
                        runAsGroup: RUN_AS,
                        fsGroup: RUN_AS,
                        seccompProfile: { type: "RuntimeDefault" },
                    },
                    containers: withRuntime ? [facade, runtime] : [facade],
                    volumes,
                    ...(spec.runtime.nodeSelector ? { nodeSelector: spec.runtime.nodeSelector } : {}),
                    ...(spec.runtime.tolerations ? { tolerations: spec.runtime.tolerations } : {}),
                    ...(isMultiReplica(spec)
                        ? {
                              topologySpreadConstraints: [
                                  {
                                      maxSkew: 1,
                                      topologyKey: "topology.kubernetes.io/zone",
                                      whenUnsatisfiable: "ScheduleAnyway",
                                      labelSelector: { matchLabels: selector },
                                  },
                              ],
                          }
                        : {}),
                },
            },
        },
    };
}

export function renderPodDisruptionBudget(meta: ObjectMeta): KubeObject {
    return {
        apiVersion: "policy/v1",
        kind: "PodDisruptionBudget",
        metadata: agentObjectMeta(meta),
        spec: { minAvailable: 1, selector: { matchLabels: selectorLabels(meta.name) } },
    };
}
