// The agent's Deployment and ServiceAccount, hardened by default.
import type { Deployment } from "kubernetes-types/apps/v1";
import type { Container, Probe, ServiceAccount, Volume, VolumeMount } from "kubernetes-types/core/v1";
import type { PodDisruptionBudget } from "kubernetes-types/policy/v1";
import type { AgentRuntimeSpec } from "../spec/agentRuntime";
import { isMockProvider } from "../spec/documents";
import { RUNTIME_EPHEMERAL_STORAGE, type EphemeralStorageOptions } from "../spec/hardening";
import { FACADE_HEALTH_PORT, PACK_DIR, RUNTIME_GRPC_PORT, RUNTIME_HEALTH_PORT, TOOLS_DIR, TOOLS_KEY, facadeEnv, runtimeEnv } from "./env";
import { agentLabels, agentObjectMeta, selectorLabels } from "./labels";
import type { Images, ObjectMeta, ResolvedReferences, Manifest } from "./types";

/** The facade image Omnia v0.2.0-alpha.12 published (Dockerfile.agent). No runtime image was published. */
export const DEFAULT_FACADE_IMAGE = "ghcr.io/altairalabs/omnia-agent:0.2.0-alpha.12";
export const RUN_AS = 65532;
export const CONFIG_HASH_ANNOTATION = "omnia.altairalabs.ai/config-hash";
/**
 * The facade gets a small fixed budget; runtime.resources size the runtime, which does the work. No
 * CPU limit: CFS throttling would stall the token stream the facade relays (the request guarantees
 * its share); memory, which cannot be reclaimed, is limited.
 */
export const FACADE_RESOURCES = { requests: { cpu: "100m", memory: "64Mi" }, limits: { memory: "128Mi" } };
const EPHEMERAL = "ephemeral-storage";
/** The facade keeps serving open connections this long after the pod is told to stop. */
export const PRESTOP_SLEEP_SECONDS = 5;

const containerSecurityContext = {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    capabilities: { drop: ["ALL"] },
};
// The API server drops a zero initialDelaySeconds (its default), so none is written: no diff on every preview.
const httpProbe = (path: string, port: number, initialDelaySeconds: number, periodSeconds: number, failureThreshold = 3): Probe => ({
    httpGet: { path, port },
    ...(initialDelaySeconds ? { initialDelaySeconds } : {}),
    periodSeconds,
    timeoutSeconds: 3,
    failureThreshold,
});
const grpcProbe = (port: number, periodSeconds: number, failureThreshold = 3): Probe => ({ grpc: { port }, periodSeconds, timeoutSeconds: 3, failureThreshold });
const mount = (name: string, mountPath: string, readOnly = true): VolumeMount => ({ name, mountPath, ...(readOnly ? { readOnly } : {}) });

/** Quantities as Kubernetes writes them (the spec also accepts numbers, e.g. cpu: 1). */
const quantities = (list: Record<string, string | number> | undefined) => Object.fromEntries(Object.entries(list ?? {}).map(([k, v]) => [k, String(v)]));

/** The runtime's resources: the spec's, with the default ephemeral storage when it names none (then the user's choice stands whole). */
function runtimeResources(spec: AgentRuntimeSpec) {
    const given = spec.runtime.resources;
    const requests = quantities(given?.requests);
    const limits = quantities(given?.limits);
    if (!(EPHEMERAL in requests) && !(EPHEMERAL in limits)) {
        requests[EPHEMERAL] = RUNTIME_EPHEMERAL_STORAGE.request;
        limits[EPHEMERAL] = RUNTIME_EPHEMERAL_STORAGE.limit;
    }
    return { ...(Object.keys(requests).length ? { requests } : {}), ...(Object.keys(limits).length ? { limits } : {}) };
}

/** The images an agent runs: the CRD's fields, else the component's overrides, else the published facade. */
export function agentImages(spec: AgentRuntimeSpec, images: Images = {}): Images {
    return { facade: spec.facade.image ?? images.facade ?? DEFAULT_FACADE_IMAGE, runtime: spec.framework?.image ?? images.runtime };
}

/** Whether the agent can run two pods or more (its autoscaler's maximum), and so gets a PodDisruptionBudget and a zone spread. */
export function mayRunSeveralPods(spec: AgentRuntimeSpec): boolean {
    const scaling = spec.runtime.autoscaling;
    return scaling.enabled ? scaling.maxReplicas >= 2 : spec.runtime.replicas >= 2;
}

export function renderServiceAccount(meta: ObjectMeta): Manifest<ServiceAccount> {
    return { apiVersion: "v1", kind: "ServiceAccount", metadata: agentObjectMeta(meta), automountServiceAccountToken: false };
}

function facadeContainer(meta: ObjectMeta, spec: AgentRuntimeSpec, refs: ResolvedReferences, image: string, storage: EphemeralStorageOptions): Container {
    return {
        name: "facade",
        image,
        ports: [
            { name: "facade", containerPort: spec.facade.port, protocol: "TCP" },
            { name: "facade-health", containerPort: FACADE_HEALTH_PORT, protocol: "TCP" },
        ],
        env: facadeEnv(meta, spec, refs),
        resources: {
            requests: { ...FACADE_RESOURCES.requests, [EPHEMERAL]: String(storage.facadeRequest) },
            limits: { ...FACADE_RESOURCES.limits, [EPHEMERAL]: String(storage.facadeLimit) },
        },
        readinessProbe: httpProbe("/readyz", FACADE_HEALTH_PORT, 5, 10),
        livenessProbe: httpProbe("/healthz", FACADE_HEALTH_PORT, 15, 20),
        // The images are FROM scratch (no shell, no sleep binary): the kubelet's own sleep action.
        lifecycle: { preStop: { sleep: { seconds: PRESTOP_SLEEP_SECONDS } } },
        securityContext: containerSecurityContext,
        volumeMounts: [mount("promptpack", PACK_DIR), mount("facade-tmp", "/tmp", false)],
    };
}

/**
 * The runtime as a native sidecar (an init container that keeps running): the kubelet starts the
 * facade only once the runtime's startup probe passes, so the published facade, which connects to
 * the runtime once at start, always finds it listening.
 */
function runtimeSidecar(meta: ObjectMeta, spec: AgentRuntimeSpec, refs: ResolvedReferences, image: string, mockProvider: boolean): Container {
    return {
        name: "runtime",
        image,
        restartPolicy: "Always",
        ports: [
            { name: "grpc", containerPort: RUNTIME_GRPC_PORT, protocol: "TCP" },
            { name: "runtime-health", containerPort: RUNTIME_HEALTH_PORT, protocol: "TCP" },
        ],
        env: runtimeEnv(meta, spec, refs, mockProvider),
        resources: runtimeResources(spec),
        // Started and ready mean the gRPC server the facade calls answers its health service
        // (grpc.health.v1, SERVING); alive means the process still serves HTTP. The runtime's own
        // /readyz always says 200, so it would only repeat the liveness check.
        startupProbe: grpcProbe(RUNTIME_GRPC_PORT, 1, 60),
        readinessProbe: grpcProbe(RUNTIME_GRPC_PORT, 10),
        livenessProbe: httpProbe("/healthz", RUNTIME_HEALTH_PORT, 0, 20),
        securityContext: containerSecurityContext,
        volumeMounts: [mount("promptpack", PACK_DIR), ...(refs.toolRegistry ? [mount("tools", TOOLS_DIR)] : []), mount("runtime-tmp", "/tmp", false)],
    };
}

export function renderDeployment(
    meta: ObjectMeta,
    spec: AgentRuntimeSpec,
    refs: ResolvedReferences,
    images: Images,
    configHash: string,
    storage: EphemeralStorageOptions,
): Manifest<Deployment> {
    const withRuntime = spec.facade.handler === "runtime";
    const volumes: Volume[] = [
        { name: "promptpack", configMap: { name: refs.promptPack.configMapName } },
        ...(withRuntime && refs.toolRegistry ? [{ name: "tools", configMap: { name: `${meta.name}-tools`, items: [{ key: TOOLS_KEY, path: TOOLS_KEY }] } }] : []),
        { name: "facade-tmp", emptyDir: { sizeLimit: String(storage.facadeTmpSizeLimit) } },
        ...(withRuntime ? [{ name: "runtime-tmp", emptyDir: { sizeLimit: String(storage.runtimeTmpSizeLimit) } }] : []),
    ];
    const selector = selectorLabels(meta.name);
    const labels = agentLabels(meta.name, meta.labels);
    const runtime = spec.runtime;
    return {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: agentObjectMeta(meta),
        spec: {
            // The autoscaler owns the count when enabled: `kubectl apply` of a count would reset it. (The
            // component adds the starting count and its ownership: components/replicaOwnership.ts.)
            ...(runtime.autoscaling.enabled ? {} : { replicas: runtime.replicas }),
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
                    securityContext: { runAsNonRoot: true, runAsUser: RUN_AS, runAsGroup: RUN_AS, fsGroup: RUN_AS, seccompProfile: { type: "RuntimeDefault" } },
                    ...(withRuntime ? { initContainers: [runtimeSidecar(meta, spec, refs, images.runtime!, isMockProvider(meta.annotations))] } : {}),
                    containers: [facadeContainer(meta, spec, refs, images.facade!, storage)],
                    volumes,
                    ...(runtime.nodeSelector ? { nodeSelector: runtime.nodeSelector } : {}),
                    ...(runtime.tolerations ? { tolerations: runtime.tolerations } : {}),
                    ...(runtime.affinity ? { affinity: runtime.affinity } : {}),
                    ...(mayRunSeveralPods(spec)
                        ? {
                              topologySpreadConstraints: [
                                  { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: selector } },
                              ],
                          }
                        : {}),
                },
            },
        },
    };
}

/**
 * One pod at a time may be evicted: never blocks a drain (even with one pod running, as an
 * autoscaled agent often does), and keeps all but one of a scaled-out agent serving.
 */
export function renderPodDisruptionBudget(meta: ObjectMeta): Manifest<PodDisruptionBudget> {
    return {
        apiVersion: "policy/v1",
        kind: "PodDisruptionBudget",
        metadata: agentObjectMeta(meta),
        spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels(meta.name) } },
    };
}
