// The CRD differential suite: Omnia's four CRDs of commit 57f0e470 installed in the local API server,
// then Omnia's samples and a matrix of specs judged twice, by the API server (server-side dry-run,
// strict field validation) and by our validation. Where both accept, the defaults the API server fills
// in must equal ours; where both refuse, we name the same fields; every place we differ on purpose is
// a named row below with its reason.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { type Kind, KINDS, SpecValidationError, validateDocument } from "../../provider/src/spec";
import { kubectl, kubectlResult } from "./pulumiEnv";

const FIXTURES = path.join(__dirname, "../fixtures/omnia-57f0e470");
const API = "omnia.altairalabs.ai/v1alpha1";
const NAMESPACES = ["omnia-crd-agents", "omnia-system", "dev-agents"];
/** The runtime image our validation needs (Omnia published none); the CRD has no such rule. */
const IMAGES = { runtime: "registry.example.com/omnia-runtime:57f0e470" };

type Obj = Record<string, any>;
interface Verdict {
    accepted: boolean;
    /** The server's stored spec (accepted) or its error text (refused). */
    spec?: Obj;
    error?: string;
}

function serverVerdict(object: Obj): Verdict {
    const r = kubectlResult(["create", "--dry-run=server", "--validate=strict", "-o", "json", "-f", "-"], JSON.stringify(object));
    return r.status === 0 ? { accepted: true, spec: JSON.parse(r.stdout).spec } : { accepted: false, error: r.stderr };
}

function ourVerdict(object: Obj): { accepted: boolean; spec?: Obj; paths: string[] } {
    try {
        const images = object.kind === "AgentRuntime" ? IMAGES : undefined;
        const doc = validateDocument(object.kind as Kind, object.metadata.name, {
            metadata: { namespace: object.metadata.namespace, annotations: object.metadata.annotations },
            spec: object.spec,
            images,
        });
        return { accepted: true, spec: doc.spec as Obj, paths: [] };
    } catch (e) {
        if (!(e instanceof SpecValidationError)) throw e;
        return { accepted: false, paths: e.issues.map((i) => i.path) };
    }
}

/** Every leaf of `value` as [dotted path, value]. */
function leaves(value: unknown, at = ""): [string, unknown][] {
    if (value === null || typeof value !== "object") return [[at, value]];
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (entries.length === 0) return [[at, value]];
    return entries.flatMap(([k, v]) => leaves(v, at ? `${at}.${k}` : k));
}
const at = (value: any, dotted: string) => dotted.split(".").reduce((node, k) => (node === undefined || node === null ? undefined : node[k]), value);

/** Both accept, and every value the API server stored (given or defaulted) is ours too. */
function assertAgreeAccepted(object: Obj) {
    const server = serverVerdict(object);
    assert.ok(server.accepted, `the API server refuses ${object.kind} ${object.metadata.name}: ${server.error}`);
    const ours = ourVerdict(object);
    assert.ok(ours.accepted, `we refuse ${object.kind} ${object.metadata.name}: ${ours.paths.join(", ")}`);
    for (const [leaf, value] of leaves(server.spec)) {
        assert.deepEqual(at(ours.spec, leaf), value, `spec.${leaf}: the API server has ${JSON.stringify(value)}, we have ${JSON.stringify(at(ours.spec, leaf))}`);
    }
}

/** The fields an API server error names: `unknown field "spec.x"` (strict decoding) or `spec.a[0].b: Invalid value`. */
function fieldsNamed(error: string): string[] {
    return [...error.matchAll(/(?:unknown field "|\s|^)(spec(?:\.[A-Za-z0-9_]+|\[\d+\])*)(?:"|:)/g)].map((m) => m[1]);
}

/**
 * Both refuse, and every field the API server names is one we name. (The server stops at unknown
 * fields, strict decoding comes before validation, so it may name fewer than we do.)
 */
function assertAgreeRefused(object: Obj, expectedPaths: string[]) {
    const server = serverVerdict(object);
    assert.equal(server.accepted, false, `the API server accepts ${object.kind} ${object.metadata.name}`);
    const ours = ourVerdict(object);
    assert.equal(ours.accepted, false, `we accept ${object.kind} ${object.metadata.name}`);
    assert.deepEqual(ours.paths, expectedPaths);
    const named = fieldsNamed(server.error!);
    assert.ok(named.length > 0, `the API server's error names a field: ${server.error}`);
    for (const field of named) assert.ok(ours.paths.includes(field), `the API server names ${field}, we name ${ours.paths.join(", ")}: ${server.error}`);
}

const cr = (kind: string, name: string, spec: Obj, metadata: Obj = {}): Obj => ({ apiVersion: API, kind, metadata: { name, namespace: "omnia-crd-agents", ...metadata }, spec });
const TOOL = { name: "lookup", description: "Looks things up", inputSchema: { type: "object" } };
const agent = (spec: Obj, metadata: Obj = {}) =>
    cr("AgentRuntime", "agent", { promptPackRef: { name: "prompts", version: "1.0.0" }, facade: { type: "websocket" }, ...spec }, metadata);

describe("e2e: Omnia's CRDs in the API server against our validation", function () {
    before(function () {
        kubectl(["apply", "--server-side", "-f", path.join(FIXTURES, "crd")]);
        kubectl(["wait", "--for=condition=Established", "--timeout=60s", "-f", path.join(FIXTURES, "crd")]);
        for (const ns of NAMESPACES) kubectlResult(["create", "namespace", ns]);
    });

    after(function () {
        kubectl(["delete", "namespace", ...NAMESPACES, "--wait=false", "--ignore-not-found"]);
    });

    describe("Omnia's samples", () => {
        const samples = fs
            .readdirSync(path.join(FIXTURES, "samples"))
            .flatMap((file) => parseAllDocuments(fs.readFileSync(path.join(FIXTURES, "samples", file), "utf8")).map((d) => ({ file, object: d.toJS() as Obj })))
            .filter(({ object }) => object && object.kind in KINDS)
            .map(({ file, object }) => ({ file, object: { ...object, metadata: { namespace: "omnia-crd-agents", ...object.metadata } } as Obj }));

        it("are all here: 9 Omnia objects in 5 files", () => {
            assert.deepEqual(
                samples.map((s) => `${s.file}:${s.object.kind}/${s.object.metadata.name}`),
                [
                    "dev-samples.yaml:PromptPack/demo-prompts",
                    "dev-samples.yaml:ToolRegistry/demo-tools",
                    "dev-samples.yaml:AgentRuntime/demo-agent",
                    "dev-samples.yaml:AgentRuntime/runtime-agent",
                    "dev-samples.yaml:AgentRuntime/echo-agent",
                    "omnia_v1alpha1_agentruntime.yaml:AgentRuntime/customer-support-agent",
                    "omnia_v1alpha1_promptpack.yaml:PromptPack/customer-support",
                    "omnia_v1alpha1_provider.yaml:Provider/claude-sonnet",
                    "omnia_v1alpha1_toolregistry.yaml:ToolRegistry/support-tools",
                ],
            );
        });

        for (const name of ["demo-prompts", "demo-tools", "demo-agent", "runtime-agent", "echo-agent", "customer-support-agent", "customer-support", "claude-sonnet"]) {
            // runtime-agent's pack has no pack.json: `render` refuses it (the contract suite); its spec itself is fine.
            it(`${name}: accepted by both, with the same defaults`, () => assertAgreeAccepted(samples.find((s) => s.object.metadata.name === name)!.object));
        }

        it("support-tools (a `tools` field the CRD does not have): refused by both, naming the same fields", () => {
            assertAgreeRefused(samples.find((s) => s.object.metadata.name === "support-tools")!.object, ["spec.handlers", "spec.tools"]);
        });
    });

    describe("specs both accept, with the defaults the API server fills in", () => {
        const accepted: [string, Obj][] = [
            ["a minimal agent", agent({ providerRef: { name: "p" } })],
            [
                "an agent with every runtime field",
                agent({
                    providerRef: { name: "p", namespace: "shared" },
                    toolRegistryRef: { name: "t" },
                    session: { type: "redis", storeRef: { name: "redis" }, ttl: "1h30m" },
                    runtime: {
                        replicas: 2,
                        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: 1073741824 } },
                        nodeSelector: { pool: "agents" },
                        tolerations: [{ key: "gpu", operator: "Exists", effect: "NoSchedule" }],
                        affinity: {
                            podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { topologyKey: "kubernetes.io/hostname" } }] },
                        },
                    },
                }),
            ],
            ["an agent on HPA", agent({ providerRef: { name: "p" }, runtime: { autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 5 } } })],
            [
                "an agent on KEDA with a cron trigger",
                agent({
                    providerRef: { name: "p" },
                    runtime: {
                        autoscaling: {
                            enabled: true,
                            type: "keda",
                            minReplicas: 0,
                            keda: { triggers: [{ type: "cron", metadata: { timezone: "Europe/Paris", start: "0 8 * * 1-5", end: "0 18 * * 1-5", desiredReplicas: "3" } }] },
                        },
                    },
                }),
            ],
            [
                "an agent with an inline provider (CRD config, pricing)",
                agent({
                    provider: {
                        type: "openai",
                        model: "gpt-4o",
                        baseURL: "https://llm.example.com/v1",
                        secretRef: { name: "k" },
                        config: { temperature: "0.7", topP: "0.9", maxTokens: 512 },
                        pricing: { inputCostPer1K: "0.01" },
                    },
                }),
            ],
            [
                "a demo agent on a track, with facade and framework images",
                agent({
                    promptPackRef: { name: "prompts", track: "canary" },
                    facade: { type: "websocket", handler: "demo", port: 3000, image: "registry.example.com/omnia-agent:0.2.0-alpha.12" },
                    framework: { type: "promptkit", version: "1.1.6", image: "registry.example.com/omnia-runtime:57f0e470" },
                }),
            ],
            ["a runtime agent under the mock-provider annotation", agent({}, { annotations: { "omnia.altairalabs.ai/mock-provider": "true" } })],
            [
                "a PromptPack with a canary rollout",
                cr("PromptPack", "prompts", {
                    source: { type: "configmap", configMapRef: { name: "prompts" } },
                    version: "v1.2.0-rc.1+build.5",
                    rollout: { type: "canary", canary: { weight: 20 } },
                }),
            ],
            [
                "a Provider with everything",
                cr("Provider", "p", {
                    type: "gemini",
                    model: "gemini-2.0-flash",
                    baseURL: "https://llm.example.com",
                    secretRef: { name: "k", key: "GEMINI_API_KEY" },
                    defaults: { temperature: "1", topP: "0.5", maxTokens: 100 },
                    pricing: { outputCostPer1K: "0.02" },
                    validateCredentials: true,
                }),
            ],
            [
                "a ToolRegistry with each handler type",
                cr("ToolRegistry", "t", {
                    handlers: [
                        {
                            name: "http",
                            type: "http",
                            httpConfig: { endpoint: "http://w.tools.svc.cluster.local/w", headers: { A: "b" } },
                            tool: TOOL,
                            selector: { matchLabels: { app: "w" }, port: "http" },
                        },
                        {
                            name: "grpc",
                            type: "grpc",
                            grpcConfig: { endpoint: "g.tools.svc.cluster.local:9090", tls: true },
                            tool: { ...TOOL, name: "grpc_lookup", outputSchema: { type: "object" } },
                            timeout: "5s",
                            retries: 3,
                        },
                        { name: "mcp", type: "mcp", mcpConfig: { transport: "sse", endpoint: "http://m.tools.svc.cluster.local/sse" } },
                        { name: "openapi", type: "openapi", openAPIConfig: { specURL: "http://o.tools.svc.cluster.local/openapi.json", operationFilter: ["a"] } },
                    ],
                }),
            ],
        ];
        for (const [name, object] of accepted) it(name, () => assertAgreeAccepted(object));
    });

    describe("specs both refuse, naming the same fields", () => {
        const refused: [string, Obj, string[]][] = [
            ["an unknown field", agent({ providerRef: { name: "p" }, replica: 2 }), ["spec.replica"]],
            ["facade.port 70000", agent({ providerRef: { name: "p" }, facade: { type: "websocket", port: 70000 } }), ["spec.facade.port"]],
            ["replicas -1", agent({ providerRef: { name: "p" }, runtime: { replicas: -1 } }), ["spec.runtime.replicas"]],
            ["autoscaling type vpa", agent({ providerRef: { name: "p" }, runtime: { autoscaling: { type: "vpa" } } }), ["spec.runtime.autoscaling.type"]],
            [
                "scaleDownStabilizationSeconds 3601",
                agent({ providerRef: { name: "p" }, runtime: { autoscaling: { scaleDownStabilizationSeconds: 3601 } } }),
                ["spec.runtime.autoscaling.scaleDownStabilizationSeconds"],
            ],
            ["a provider type mistral", agent({ provider: { type: "mistral", secretRef: { name: "k" } } }), ["spec.provider.type"]],
            [
                "a quantity that does not parse",
                agent({ providerRef: { name: "p" }, runtime: { resources: { requests: { cpu: "lots" } } } }),
                ["spec.runtime.resources.requests.cpu"],
            ],
            [
                "a PromptPack version 1.0",
                cr("PromptPack", "pp", { source: { type: "configmap", configMapRef: { name: "c" } }, version: "1.0", rollout: { type: "immediate" } }),
                ["spec.version"],
            ],
            [
                "a canary weight of 101",
                cr("PromptPack", "pp", { source: { type: "configmap", configMapRef: { name: "c" } }, version: "1.0.0", rollout: { type: "canary", canary: { weight: 101 } } }),
                ["spec.rollout.canary.weight"],
            ],
            ["a Provider without secretRef", cr("Provider", "p", { type: "claude" }), ["spec.secretRef"]],
            [
                "a handler name with upper case",
                cr("ToolRegistry", "t", { handlers: [{ name: "Weather", type: "http", httpConfig: { endpoint: "http://w/x" }, tool: TOOL }] }),
                ["spec.handlers[0].name"],
            ],
            [
                "a tool name with a dash",
                cr("ToolRegistry", "t", { handlers: [{ name: "w", type: "http", httpConfig: { endpoint: "http://w/x" }, tool: { ...TOOL, name: "get-weather" } }] }),
                ["spec.handlers[0].tool.name"],
            ],
            [
                "retries 11",
                cr("ToolRegistry", "t", { handlers: [{ name: "w", type: "http", httpConfig: { endpoint: "http://w/x" }, tool: TOOL, retries: 11 }] }),
                ["spec.handlers[0].retries"],
            ],
            [
                "an MCP transport ws",
                cr("ToolRegistry", "t", { handlers: [{ name: "m", type: "mcp", mcpConfig: { transport: "ws", endpoint: "http://m/x" } }] }),
                ["spec.handlers[0].mcpConfig.transport"],
            ],
        ];
        for (const [name, object, paths] of refused) it(name, () => assertAgreeRefused(object, paths));
    });

    describe("where we are deliberately stricter: the API server accepts, we refuse with the run-time reason", () => {
        const stricter: [string, Obj, string][] = [
            ["session postgres: both programs exit at start", agent({ providerRef: { name: "p" }, session: { type: "postgres", storeRef: { name: "pg" } } }), "spec.session.type"],
            ["facade type grpc: the facade serves WebSocket only", agent({ providerRef: { name: "p" }, facade: { type: "grpc" } }), "spec.facade.type"],
            ["framework langchain: the runtime runs PromptKit only", agent({ providerRef: { name: "p" }, framework: { type: "langchain" } }), "spec.framework.type"],
            [
                "resources.claims: the Deployment would be refused",
                agent({ providerRef: { name: "p" }, runtime: { resources: { claims: [{ name: "gpu" }] } } }),
                "spec.runtime.resources.claims",
            ],
            ["a runtime agent with no provider: no LLM to answer", agent({}), "spec.providerRef"],
            [
                "a PromptPack name that is not a DNS name: no ConfigMap can hold it",
                agent({ providerRef: { name: "p" }, promptPackRef: { name: "Prompts_V1" } }),
                "spec.promptPackRef.name",
            ],
            [
                "version with another track: which one runs?",
                agent({ providerRef: { name: "p" }, promptPackRef: { name: "prompts", version: "1.0.0", track: "canary" } }),
                "spec.promptPackRef.track",
            ],
            ["session ttl 1d: Go has no day unit, both programs exit", agent({ providerRef: { name: "p" }, session: { ttl: "1d" } }), "spec.session.ttl"],
            [
                "an http handler without httpConfig: the runtime skips it",
                cr("ToolRegistry", "t", { handlers: [{ name: "w", type: "http", tool: TOOL, selector: { matchLabels: { app: "w" } } }] }),
                "spec.handlers[0].httpConfig",
            ],
            [
                "http authSecretRef: the tool would be called without it",
                cr("ToolRegistry", "t", { handlers: [{ name: "w", type: "http", httpConfig: { endpoint: "http://w/x", authSecretRef: { name: "s", key: "k" } }, tool: TOOL }] }),
                "spec.handlers[0].httpConfig.authSecretRef",
            ],
            [
                "MCP over stdio: nothing to start in the scratch image",
                cr("ToolRegistry", "t", { handlers: [{ name: "m", type: "mcp", mcpConfig: { transport: "stdio", command: "/bin/x" } }] }),
                "spec.handlers[0].mcpConfig.transport",
            ],
        ];
        for (const [name, object, field] of stricter) {
            it(name, () => {
                const server = serverVerdict(object);
                assert.ok(server.accepted, server.error);
                const ours = ourVerdict(object);
                assert.deepEqual(ours.paths, [field]);
            });
        }
    });

    describe("where we are deliberately laxer: documented defaults and extensions the CRD refuses", () => {
        const laxer: [string, Obj, string][] = [
            [
                "an agent without facade: SPEC defaults it (websocket, 8080, runtime)",
                cr("AgentRuntime", "a", { promptPackRef: { name: "p" }, providerRef: { name: "p" } }),
                "spec.facade",
            ],
            [
                "a PromptPack without rollout: defaults to immediate",
                cr("PromptPack", "pp", { source: { type: "configmap", configMapRef: { name: "c" } }, version: "1.0.0" }),
                "spec.rollout",
            ],
            ["the multi-version PromptPack extension", cr("PromptPack", "pp", { versions: [{ version: "1.0.0", configMapRef: { name: "c" } }] }), "spec.versions"],
            [
                "the source document's inline provider.secretRef.key",
                agent({ provider: { type: "claude", secretRef: { name: "k", key: "api-key" } } }),
                "spec.provider.secretRef.key",
            ],
            [
                "the source document's inline provider.defaults",
                agent({ provider: { type: "claude", secretRef: { name: "k" }, defaults: { temperature: "0.5" } } }),
                "spec.provider.defaults",
            ],
        ];
        for (const [name, object, field] of laxer) {
            it(name, () => {
                const server = serverVerdict(object);
                assert.equal(server.accepted, false);
                assert.ok(fieldsNamed(server.error!).includes(field), `the API server's error names ${field}: ${server.error}`);
                assert.deepEqual(ourVerdict(object).paths, []);
            });
        }
    });
});
