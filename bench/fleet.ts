// The benchmark's workload: N AgentRuntimes sharing one PromptPack, Provider and ToolRegistry, as
// CRD-style documents. Every program of the benchmark (component in TypeScript or Python, the
// hand-written baseline) and `pulumi-omnia render` start from these same documents.
import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { API_VERSION, renderDocuments } from "../provider/src/cli/renderDocuments";
import type { KubeObject } from "../provider/src/render";

export const NAMESPACE = "omnia-bench";

export interface FleetDocument {
    apiVersion: string;
    kind: "AgentRuntime" | "PromptPack" | "Provider" | "ToolRegistry";
    metadata: { name: string; namespace: string };
    spec: Record<string, unknown>;
}

const doc = (kind: FleetDocument["kind"], name: string, spec: Record<string, unknown>): FleetDocument => ({
    apiVersion: API_VERSION,
    kind,
    metadata: { name, namespace: NAMESPACE },
    spec,
});

export const agentName = (i: number) => `agent-${String(i).padStart(4, "0")}`;
/** Every agent's autoscaler minimum. */
export const MIN_REPLICAS = 2;
/** "day2": the same fleet with one field changed on every agent (session.ttl, which the runtime reads from its env: pods roll). */
export type FleetVariant = "initial" | "day2";

/**
 * The spec of agent i (1-based): the production example. Odd agents scale with KEDA (a
 * Prometheus trigger), even ones with an HPA; minReplicas 2, so each also gets a PDB. Requests are
 * small so that `pulumi up` of 100 agents fits the local control plane's fake node (250 pods, 32 CPU).
 */
/** The runtime image the fleet names (never pulled: the local control plane's node is simulated). */
export const BENCH_RUNTIME_IMAGE = "registry.example.com/omnia-runtime:57f0e470";

export function agentSpec(i: number, variant: FleetVariant = "initial"): Record<string, unknown> {
    const name = agentName(i);
    const keda = i % 2 === 1;
    return {
        promptPackRef: { name: "bench-prompts", version: "1.0.0" },
        providerRef: { name: "bench-claude" },
        toolRegistryRef: { name: "bench-tools" },
        facade: { type: "websocket", port: 8080, handler: "runtime" },
        // Omnia published no runtime image for this generation: a build of its Dockerfile.runtime.
        framework: { image: BENCH_RUNTIME_IMAGE },
        session: { type: "redis", ttl: variant === "day2" ? "12h" : "24h", storeRef: { name: "redis-credentials" } },
        runtime: {
            resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
            autoscaling: keda
                ? {
                      enabled: true,
                      type: "keda",
                      minReplicas: MIN_REPLICAS,
                      maxReplicas: 10,
                      keda: {
                          pollingInterval: 15,
                          cooldownPeriod: 120,
                          triggers: [
                              {
                                  type: "prometheus",
                                  metadata: {
                                      serverAddress: "http://prometheus.monitoring.svc.cluster.local:9090",
                                      query: `sum(omnia_agent_connections_active{agent="${name}",namespace="${NAMESPACE}"}) or vector(0)`,
                                      threshold: "10",
                                  },
                              },
                          ],
                      },
                  }
                : { enabled: true, type: "hpa", minReplicas: MIN_REPLICAS, maxReplicas: 10, targetCPUUtilizationPercentage: 70 },
        },
    };
}

/** The companions first (a reference by name resolves to a companion declared earlier), then N agents. */
export function fleetDocuments(n: number, variant: FleetVariant = "initial"): FleetDocument[] {
    const companions = [
        doc("PromptPack", "bench-prompts", {
            versions: [
                {
                    version: "1.0.0",
                    content: {
                        id: "support",
                        name: "Support",
                        version: "1.0.0",
                        template_engine: { version: "v1", syntax: "{{variable}}" },
                        prompts: { support: { id: "support", name: "Support", version: "1.0.0", system_template: "You are a helpful support agent for {{company}}." } },
                    },
                },
            ],
        }),
        doc("Provider", "bench-claude", { type: "claude", model: "claude-sonnet-4-20250514", secretRef: { name: "llm-credentials" } }),
        doc("ToolRegistry", "bench-tools", {
            handlers: [
                {
                    name: "weather",
                    type: "http",
                    httpConfig: { endpoint: "http://weather.tools.svc.cluster.local:8080/weather", method: "POST" },
                    tool: { name: "get_weather", description: "Current weather for a city", inputSchema: { type: "object", properties: { city: { type: "string" } } } },
                    timeout: "30s",
                },
            ],
        }),
    ];
    const agents = Array.from({ length: n }, (_, i) => doc("AgentRuntime", agentName(i + 1), agentSpec(i + 1, variant)));
    return [...companions, ...agents];
}

export interface FleetFiles {
    /** The documents as a JSON array (read by the component programs). */
    json: string;
    /** The documents as multi-document YAML (the input of `pulumi-omnia render`). */
    yaml: string;
    /** The Kubernetes objects they render to, as a JSON array (read by the baseline program). */
    objects: string;
    objectCount: number;
}

/** Writes the fleet of N agents under dir. */
export function writeFleet(n: number, dir: string, variant: FleetVariant = "initial"): FleetFiles {
    fs.mkdirSync(dir, { recursive: true });
    const docs = fleetDocuments(n, variant);
    const suffix = variant === "initial" ? "" : `-${variant}`;
    const yaml = docs.map((d) => stringify(d, { lineWidth: 0 })).join("---\n");
    const objects: KubeObject[] = renderDocuments([{ name: `fleet-${n}.yaml`, text: yaml }]).objects;
    const files = {
        json: path.join(dir, `fleet-${n}${suffix}.json`),
        yaml: path.join(dir, `fleet-${n}${suffix}.yaml`),
        objects: path.join(dir, `objects-${n}${suffix}.json`),
        objectCount: objects.length,
    };
    fs.writeFileSync(files.json, JSON.stringify(docs));
    fs.writeFileSync(files.yaml, yaml);
    fs.writeFileSync(files.objects, JSON.stringify(objects));
    return files;
}
