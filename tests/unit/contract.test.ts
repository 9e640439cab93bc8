// The contract suite: what we render for every example and a matrix of specs is held to what Omnia's
// agent programs of our generation read (tests/contract/omniaPrograms.ts, written from the contract
// note, not from the renderer): env names and values, the pack and tools files at their mount paths
// as the programs parse them, probes, ports and hooks the FROM-scratch images can serve.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { contractProblems } from "../contract/omniaPrograms";
import { renderDocuments } from "../../provider/src/cli/renderDocuments";
import { packContent, RUNTIME_IMAGE } from "./fixtures";

const ROOT = path.join(__dirname, "../..");
const SAMPLES = path.join(ROOT, "tests/fixtures/omnia-57f0e470/samples");
const images = { runtime: RUNTIME_IMAGE };
const API = "omnia.altairalabs.ai/v1alpha1";

type Doc = Record<string, any>;
const doc = (kind: string, name: string, spec: unknown, metadata: Doc = {}): Doc => ({
    apiVersion: ["ConfigMap", "Secret"].includes(kind) ? "v1" : API,
    kind,
    metadata: { name, namespace: "agents", ...metadata },
    spec,
});
const render = (docs: Doc[]) => renderDocuments([{ name: "case.yaml", text: docs.map((d) => stringify(d)).join("---\n") }], { images }).objects as Doc[];

// Companions every case can reference.
const PACK = doc("PromptPack", "prompts", {
    versions: [
        { version: "1.0.0", content: packContent("1.0.0") },
        {
            version: "1.1.0-rc.1",
            content: {
                ...packContent("1.1.0-rc.1"),
                prompts: {
                    default: { ...packContent().prompts.support, id: "default", version: "1.1.0-rc.1" },
                    sales: { ...packContent().prompts.support, id: "sales", version: "1.1.0-rc.1" },
                },
            },
        },
    ],
    tracks: { canary: "1.1.0-rc.1" },
});
const OMNIA_PACK = doc("PromptPack", "omnia-prompts", { source: { type: "configmap", configMapRef: { name: "omnia-prompts" } }, version: "1.0.0", rollout: { type: "immediate" } });
const OMNIA_PACK_CONFIGMAP = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "omnia-prompts", namespace: "agents" },
    data: { "pack.json": JSON.stringify(packContent("1.0.0")) },
};
const provider = (type: string, namespace = "agents") =>
    doc("Provider", `${type}-provider`, { type, model: type === "openai" ? "gpt-4o" : undefined, secretRef: { name: `${type}-credentials` } }, { namespace });
const TOOL = { name: "lookup", description: "Looks things up", inputSchema: { type: "object", properties: { q: { type: "string" } } } };
const HANDLERS: Record<string, Doc> = {
    http: {
        name: "weather",
        type: "http",
        httpConfig: { endpoint: "http://weather.tools.svc.cluster.local:8080/weather", method: "GET", headers: { Accept: "application/json" } },
        tool: TOOL,
        timeout: "10s",
        retries: 1,
    },
    grpc: {
        name: "orders",
        type: "grpc",
        grpcConfig: { endpoint: "orders.backend.svc.cluster.local:9090", tls: true, tlsCAPath: "/etc/ssl/ca.pem" },
        tool: { ...TOOL, name: "order_status" },
    },
    "mcp-sse": { name: "docs", type: "mcp", mcpConfig: { transport: "sse", endpoint: "http://docs-mcp.tools.svc.cluster.local:8080/sse" } },
    openapi: {
        name: "petstore",
        type: "openapi",
        openAPIConfig: { specURL: "http://petstore.tools.svc.cluster.local/openapi.json", baseURL: "http://petstore.tools.svc.cluster.local", operationFilter: ["getPet"] },
    },
};
const tools = (...types: string[]) => doc("ToolRegistry", "tools", { handlers: types.map((t) => HANDLERS[t]) });

interface Case {
    name: string;
    docs: Doc[];
}

function agentCase(name: string, spec: Doc, extra: Doc[] = [], metadata: Doc = {}): Case {
    return {
        name,
        docs: [
            PACK,
            OMNIA_PACK,
            OMNIA_PACK_CONFIGMAP,
            provider("claude"),
            ...extra,
            doc("AgentRuntime", "agent", { promptPackRef: { name: "prompts", version: "1.0.0" }, ...spec }, metadata),
        ],
    };
}

const matrix: Case[] = [
    ...["demo", "echo"].map((handler) => agentCase(`handler ${handler}, no provider`, { facade: { handler } })),
    ...["demo", "echo"].map((handler) =>
        agentCase(
            `handler ${handler} with a provider and tools it ignores`,
            { facade: { handler }, providerRef: { name: "claude-provider" }, toolRegistryRef: { name: "tools" } },
            [tools("http")],
        ),
    ),
    ...["claude", "openai", "gemini", "auto"].map((type) =>
        agentCase(`runtime with a ${type} Provider`, { providerRef: { name: `${type}-provider` } }, type === "claude" ? [] : [provider(type)]),
    ),
    agentCase("runtime with a Provider in another namespace (copied Secret)", { providerRef: { name: "claude-provider", namespace: "shared" } }, [provider("claude", "shared")]),
    agentCase("runtime with an inline provider (CRD config and pricing, not read)", {
        provider: { type: "openai", model: "gpt-4o", secretRef: { name: "k" }, config: { temperature: "0.7" }, pricing: { inputCostPer1K: "0.01" } },
    }),
    agentCase("runtime with a Secret key named in providerRef's Provider", { providerRef: { name: "keyed" } }, [
        doc("Provider", "keyed", { type: "claude", secretRef: { name: "s", key: "api-key" } }),
    ]),
    agentCase("runtime under the mock-provider annotation, no provider", {}, [], { annotations: { "omnia.altairalabs.ai/mock-provider": "true" } }),
    agentCase("runtime with redis sessions", { providerRef: { name: "claude-provider" }, session: { type: "redis", ttl: "1h30m", storeRef: { name: "redis" } } }),
    agentCase("runtime on the canary track (prompt default of two)", { providerRef: { name: "claude-provider" }, promptPackRef: { name: "prompts", track: "canary" } }),
    agentCase("runtime on Omnia's one-version pack from a ConfigMap", { providerRef: { name: "claude-provider" }, promptPackRef: { name: "omnia-prompts" } }),
    agentCase("runtime on another facade port", { providerRef: { name: "claude-provider" }, facade: { port: 3000 } }),
    ...Object.keys(HANDLERS).map((type) =>
        agentCase(`runtime with a ${type} tool handler`, { providerRef: { name: "claude-provider" }, toolRegistryRef: { name: "tools" } }, [tools(type)]),
    ),
    agentCase("runtime with every tool handler type", { providerRef: { name: "claude-provider" }, toolRegistryRef: { name: "tools" } }, [tools(...Object.keys(HANDLERS))]),
    agentCase("runtime with HPA autoscaling and affinity", {
        providerRef: { name: "claude-provider" },
        runtime: { autoscaling: { enabled: true, minReplicas: 2 }, affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } } },
    }),
];

describe("contract: rendered agents against Omnia's programs of our generation", () => {
    for (const c of matrix) {
        it(c.name, () => {
            const objects = render(c.docs);
            assert.equal(objects.filter((o) => o.kind === "Deployment").length, 1);
            assert.deepEqual(contractProblems(objects), []);
        });
    }

    it("examples/yaml-manifests: the production example", () => {
        const text = fs.readFileSync(path.join(ROOT, "examples/yaml-manifests/production-agent.yaml"), "utf8");
        const objects = renderDocuments([{ name: "production-agent.yaml", text }], { images }).objects as Doc[];
        assert.deepEqual(contractProblems(objects), []);
    });

    it("Omnia's dev-samples.yaml: demo and echo agents render and hold; the runtime agent is refused for its pack", () => {
        const text = fs.readFileSync(path.join(SAMPLES, "dev-samples.yaml"), "utf8");
        assert.throws(
            () => renderDocuments([{ name: "dev-samples.yaml", text }], { images }),
            (e: any) => {
                assert.deepEqual(e.issues, [
                    {
                        path: 'dev-samples.yaml#6 AgentRuntime "runtime-agent": spec.promptPackRef',
                        message:
                            'PromptPack "dev-agents/demo-prompts" version 1.0.0 is ConfigMap "dev-agents/demo-prompts", which has no key pack.json (it has system.txt, config.yaml): the runtime reads /etc/omnia/pack/pack.json at the first message, so every conversation would fail',
                    },
                ]);
                return true;
            },
        );
        // Without the runtime agent, everything else renders: the Namespace, ConfigMap and Secret pass through unchanged.
        const others = text
            .split(/^---$/m)
            .filter((d) => !/name: runtime-agent/.test(d))
            .join("---");
        const objects = renderDocuments([{ name: "dev-samples.yaml", text: others }], { images }).objects as Doc[];
        assert.deepEqual(
            objects.filter((o) => o.kind === "Deployment").map((d) => d.metadata.name),
            ["demo-agent", "echo-agent"],
        );
        assert.deepEqual(
            objects.slice(0, 3).map((o) => `${o.kind}/${o.metadata.name}`),
            ["Namespace/dev-agents", "ConfigMap/demo-prompts", "Secret/llm-provider"],
        );
        assert.deepEqual(contractProblems(objects), []);
    });

    it("Omnia's other samples together: the ToolRegistry the CRD refuses, and the agent whose pack the runtime cannot read", () => {
        const files = fs.readdirSync(SAMPLES).filter((f) => f.startsWith("omnia_v1alpha1_"));
        const sources = files.map((name) => ({ name, text: fs.readFileSync(path.join(SAMPLES, name), "utf8") }));
        assert.throws(
            () => renderDocuments(sources, { images }),
            (e: any) => {
                const agentAt = 'omnia_v1alpha1_agentruntime.yaml#0 AgentRuntime "customer-support-agent"';
                assert.deepEqual(e.issues, [
                    { path: 'omnia_v1alpha1_toolregistry.yaml#0 ToolRegistry "support-tools": spec.handlers', message: "is required" },
                    { path: 'omnia_v1alpha1_toolregistry.yaml#0 ToolRegistry "support-tools": spec.tools', message: "unknown field" },
                    { path: `${agentAt}: spec.toolRegistryRef.name`, message: 'ToolRegistry "default/support-tools" is invalid (see its own errors)' },
                    {
                        path: `${agentAt}: spec.promptPackRef`,
                        message:
                            'PromptPack "default/customer-support" version 1.0.0 is ConfigMap "default/customer-support-prompts", which has no key pack.json (it has promptpack.json): the runtime reads /etc/omnia/pack/pack.json at the first message, so every conversation would fail',
                    },
                ]);
                return true;
            },
        );
        // With its pack under the key the runtime reads, the sample pack passes PromptKit's schema and the agent renders.
        const fixed = sources
            .filter((s) => s.name !== "omnia_v1alpha1_toolregistry.yaml")
            .map((s) => ({ ...s, text: s.text.replace("promptpack.json: |", "pack.json: |").replace("  toolRegistryRef:\n    name: support-tools\n", "") }));
        const objects = renderDocuments(fixed, { images }).objects as Doc[];
        assert.deepEqual(contractProblems(objects), []);
        const runtime = objects.find((o) => o.kind === "Deployment")!.spec.template.spec.initContainers[0];
        assert.equal(runtime.env.find((e: Doc) => e.name === "OMNIA_PROMPT_NAME").value, "support", "the pack's only prompt");
    });

    it("what `kubectl get ... -o yaml` prints renders: a List, status and server-set metadata ignored", () => {
        const exported = {
            apiVersion: "v1",
            kind: "List",
            items: [
                PACK,
                provider("claude"),
                doc("AgentRuntime", "agent", { promptPackRef: { name: "prompts", version: "1.0.0", track: "stable" }, providerRef: { name: "claude-provider" } }),
            ].map((d) => ({
                ...d,
                metadata: {
                    ...d.metadata,
                    uid: "0b1c",
                    resourceVersion: "42",
                    generation: 1,
                    creationTimestamp: "2026-01-07T00:00:00Z",
                    managedFields: [{ manager: "kubectl" }],
                    annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{}" },
                },
                status: { phase: "Running" },
            })),
        };
        const objects = renderDocuments([{ name: "exported.yaml", text: stringify(exported) }], { images }).objects as Doc[];
        const deployment = objects.find((o) => o.kind === "Deployment")!;
        assert.equal(deployment.metadata.annotations, undefined, "kubectl's bookkeeping annotation is not copied");
        assert.deepEqual(contractProblems(objects), []);
    });

    describe("the checker catches what the programs would trip on (it can fail)", () => {
        const production = () => render(agentCase("", { providerRef: { name: "claude-provider" }, toolRegistryRef: { name: "tools" } }, [tools("http")]).docs);
        const runtimeOf = (objects: Doc[]) => objects.find((o) => o.kind === "Deployment")!.spec.template.spec.initContainers[0];
        const facadeOf = (objects: Doc[]) => objects.find((o) => o.kind === "Deployment")!.spec.template.spec.containers[0];
        const cases: [string, (o: Doc[]) => void, RegExp][] = [
            [
                "an env name nothing reads",
                (o) => runtimeOf(o).env.push({ name: "OMNIA_TOOLS_CONFIG_PATH", value: "/etc/omnia/tools/tools.yaml" }),
                /OMNIA_TOOLS_CONFIG_PATH is not read by the runtime program/,
            ],
            ["an exec preStop hook", (o) => (facadeOf(o).lifecycle = { preStop: { exec: { command: ["sleep", "5"] } } }), /preStop runs a command the scratch image does not have/],
            [
                "a pack PromptKit refuses",
                (o) => {
                    const cm = o.find((x) => x.metadata.name === "prompts-v1.0.0")!;
                    cm.data["pack.json"] = JSON.stringify({ ...packContent("1.0.0"), template_engine: "go" });
                },
                /pack.json fails PromptKit's pack schema/,
            ],
            [
                "a prompt name the pack lacks",
                (o) => (runtimeOf(o).env.find((e: Doc) => e.name === "OMNIA_PROMPT_NAME").value = "default"),
                /prompt default \(OMNIA_PROMPT_NAME\) is not in the pack/,
            ],
            [
                "a tools handler without its block",
                (o) => {
                    const cm = o.find((x) => x.metadata.name === "agent-tools")!;
                    cm.data["tools.yaml"] = "handlers:\n  - name: w\n    type: http\n    endpoint: http://w\n";
                },
                /no httpConfig, so the runtime skips it/,
            ],
            ["postgres sessions", (o) => (runtimeOf(o).env.find((e: Doc) => e.name === "OMNIA_SESSION_TYPE").value = "postgres"), /OMNIA_SESSION_TYPE postgres makes it exit/],
            [
                "the runtime as a plain container",
                (o) => {
                    const d = o.find((x) => x.kind === "Deployment")!.spec.template.spec;
                    d.containers.push(d.initContainers.pop());
                },
                /not a native sidecar/,
            ],
            ["a probe on a port nobody serves", (o) => (facadeOf(o).readinessProbe.httpGet.port = 8080), /readinessProbe GET \/readyz on 8080, which it does not serve/],
            [
                "a gRPC health probe on the runtime's health port",
                (o) => (runtimeOf(o).readinessProbe.grpc.port = 9001),
                /runtime: readinessProbe asks gRPC health on 9001, which it does not serve/,
            ],
            [
                "a gRPC health probe on the facade, which serves no gRPC",
                (o) => (facadeOf(o).livenessProbe = { grpc: { port: 9000 } }),
                /facade: livenessProbe asks gRPC health on 9000, which it does not serve/,
            ],
        ];
        for (const [name, change, problem] of cases) {
            it(name, () => {
                const objects = production();
                change(objects);
                assert.match(contractProblems(objects).join("\n"), problem);
            });
        }
    });
});
