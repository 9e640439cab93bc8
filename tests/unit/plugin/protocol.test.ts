// The provider plugin over gRPC, as the engine drives it: no Pulumi CLI, a fake Engine and
// ResourceMonitor record what the plugin registers while it constructs the components.
import { strict as assert } from "assert";
import { readFileSync } from "fs";
import * as path from "path";
import { FakeEngine, LogSeverity, type Registration } from "./protocol/fakeEngine";
import { ensureBuilt, inputPropertiesErrors, Plugin, ROOT } from "./protocol/plugin";
import { isSecret, OUTPUT_VALUE_SIG, secret, SIG_KEY, UNKNOWN, withoutSecrets } from "./protocol/wire";
import { validateDocument } from "../../../provider/src/spec";
import {
    promptPackDescriptor,
    sortKeys,
    providerDescriptor,
    renderAgentRuntime,
    resolvePromptPack,
    resolveProvider,
    resolveToolRegistry,
    toolRegistryDescriptor,
} from "../../../provider/src/render";
import { packContent, productionSpec, RUNTIME_IMAGE, weatherHandler } from "../fixtures";

const PROJECT = "project";
const STACK = "stack";
const API_KEY = "sk-ant-protocol-test-4f1c";
const K8S_PROVIDER_URN = `urn:pulumi:${STACK}::${PROJECT}::pulumi:providers:kubernetes::k8s`;
const K8S_PROVIDER_ID = "7d4c1f3e-2b8a-4f5e-9c61-0a3b5d7e9f12";
const K8S_PROVIDER = `${K8S_PROVIDER_URN}::${K8S_PROVIDER_ID}`;

// Content keys in sorted order: a Struct arrives at the plugin with its keys sorted, and the content
// hash (JSON.stringify) depends on key order, so only sorted content hashes the same on both paths.
const PACK_SPEC = { versions: [{ version: "2.1.0", content: sortKeys(packContent("2.1.0")) }] };
const PROVIDER_SPEC = { type: "claude", model: "claude-sonnet-4-20250514", secretRef: { name: "llm-credentials" }, defaults: { temperature: "0.7", maxTokens: 4096 } };
const TOOLS_SPEC = { handlers: [weatherHandler()] };
// The stack config every Construct gets: the runtime image (Omnia published none for this generation).
const CONFIG = { "omnia:runtimeImage": RUNTIME_IMAGE };
const metadata = { namespace: "agents" };

const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";

const typeAndName = (rs: Registration[]) => rs.map((r) => `${r.type}::${r.name}`).sort();

describe("provider plugin over gRPC (fake engine, no CLI)", function () {
    let engine: FakeEngine;
    let plugin: Plugin;
    const construct = (type: string, name: string, inputs: Record<string, unknown>, dryRun = false) =>
        plugin.construct({
            type: `omnia:index:${type}`,
            name,
            project: PROJECT,
            stack: STACK,
            monitorEndpoint: engine.monitorAddress,
            parent: engine.stackUrn,
            inputs,
            providers: { kubernetes: K8S_PROVIDER },
            dryRun,
            config: CONFIG,
        });

    before(async function () {
        this.timeout(120000); // a stale provider/bin is recompiled first
        ensureBuilt();
        engine = new FakeEngine({ project: PROJECT, stack: STACK, existing: [{ urn: K8S_PROVIDER_URN, id: K8S_PROVIDER_ID }] });
        await engine.start();
        plugin = await Plugin.start(engine.engineAddress);
    });

    after(async function () {
        await plugin?.stop();
        await engine?.stop();
    });

    it("serves the committed schema", async () => {
        const schema = JSON.parse(await plugin.getSchema());
        assert.equal(schema.name, "omnia");
        assert.deepEqual(schema, JSON.parse(readFileSync(path.join(ROOT, "provider/schema.json"), "utf8")));
    });

    describe("Construct of the production example", () => {
        const urns: Record<string, string> = {};
        const state: Record<string, any> = {};

        before(async function () {
            this.timeout(30000);
            // Companions first: the agent's references by name resolve to them inside the plugin, no cluster read.
            for (const [type, name, inputs] of [
                ["PromptPack", "customer-service-prompts", { metadata, spec: PACK_SPEC }],
                ["LlmProvider", "claude-production", { metadata, spec: PROVIDER_SPEC, apiKey: secret(API_KEY) }],
                ["ToolRegistry", "service-tools", { metadata, spec: TOOLS_SPEC }],
                ["AgentRuntime", "production-agent", { metadata, spec: productionSpec() }],
            ] as const) {
                const result = await construct(type, name, inputs);
                urns[type] = result.urn;
                state[type] = result.state;
            }
        });

        const component = (type: string) => engine.registrations.find((r) => r.urn === urns[type])!;

        it("registers each component under the stack, with the providers map and no provider of its own", () => {
            for (const type of ["PromptPack", "LlmProvider", "ToolRegistry", "AgentRuntime"]) {
                const c = component(type);
                assert.ok(c, `${type}: the URN returned by Construct was registered`);
                assert.equal(c.type, `omnia:index:${type}`);
                assert.equal(c.parent, engine.stackUrn);
                assert.equal(c.custom, false);
                assert.equal(c.remote, false);
                assert.deepEqual(c.providers, { kubernetes: K8S_PROVIDER });
            }
            assert.equal(urns.AgentRuntime, `urn:pulumi:${STACK}::${PROJECT}::omnia:index:AgentRuntime::production-agent`);
        });

        it("creates exactly the agent's children, parented to the AgentRuntime", () => {
            assert.deepEqual(typeAndName(engine.childrenOf(urns.AgentRuntime)), [
                "kubernetes:apps/v1:Deployment::production-agent",
                "kubernetes:core/v1:ConfigMap::production-agent-tools",
                "kubernetes:core/v1:Service::production-agent",
                "kubernetes:core/v1:ServiceAccount::production-agent",
                "kubernetes:keda.sh/v1alpha1:ScaledObject::production-agent",
                "kubernetes:networking.k8s.io/v1:NetworkPolicy::production-agent",
                "kubernetes:policy/v1:PodDisruptionBudget::production-agent",
            ]);
            for (const child of engine.childrenOf(urns.AgentRuntime)) {
                assert.ok(child.urn.startsWith(`urn:pulumi:${STACK}::${PROJECT}::omnia:index:AgentRuntime$${child.type}::`), child.urn);
            }
        });

        it("creates exactly the companions' children, parented to each companion", () => {
            assert.deepEqual(typeAndName(engine.childrenOf(urns.PromptPack)), [
                `${CONFIG_MAP}::customer-service-prompts-descriptor`,
                `${CONFIG_MAP}::customer-service-prompts-v2.1.0`,
            ]);
            assert.deepEqual(typeAndName(engine.childrenOf(urns.LlmProvider)), [
                `${CONFIG_MAP}::claude-production-descriptor`,
                "kubernetes:core/v1:Secret::claude-production-credentials",
            ]);
            assert.deepEqual(typeAndName(engine.childrenOf(urns.ToolRegistry)), [`${CONFIG_MAP}::service-tools-descriptor`]);
        });

        it("registers nothing else: every resource is a component or a child of one, nothing is read", () => {
            const componentUrns = new Set(Object.values(urns));
            for (const r of engine.registrations) {
                assert.ok(componentUrns.has(r.urn) || componentUrns.has(r.parent), `${r.type} ${r.name} has parent ${r.parent}`);
            }
            assert.equal(engine.registrations.length, 4 /* components */ + 7 /* agent */ + 2 /* pack */ + 2 /* provider */ + 1 /* tools */);
            assert.deepEqual(engine.reads, [], "no ConfigMap.get: references resolved to companions in the same plugin");
            // Each Construct rehydrates the kubernetes provider from its reference, once; nothing else is invoked.
            assert.deepEqual(
                engine.invokes,
                Object.keys(urns).map(() => ({ tok: "pulumi:pulumi:getResource", args: { urn: K8S_PROVIDER_URN } })),
            );
            assert.deepEqual(
                engine.logs.filter((l) => l.severity >= LogSeverity.WARNING),
                [],
                "no warnings or errors",
            );
        });

        it("gives every Kubernetes object the kubernetes provider from the providers map", () => {
            const kube = engine.registrations.filter((r) => r.custom);
            assert.equal(kube.length, 12);
            for (const r of kube) {
                assert.ok(r.type.startsWith("kubernetes:"), r.type);
                assert.equal(r.provider, K8S_PROVIDER, `${r.type} ${r.name}`);
            }
        });

        it("sends the API key only inside the Secret, as a secret", () => {
            const credentials = engine.one("kubernetes:core/v1:Secret", "claude-production-credentials");
            assert.deepEqual(credentials.inputs.stringData, { ANTHROPIC_API_KEY: API_KEY });
            assert.deepEqual(credentials.secretPaths, ["stringData"], "stringData is sent with the secret signature");
            assert.ok(isSecret(credentials.raw.stringData));
            // Listed twice: @pulumi/kubernetes's Secret adds them itself and the component adds them again.
            assert.deepEqual([...new Set(credentials.additionalSecretOutputs)].sort(), ["data", "stringData"]);
            assert.deepEqual(credentials.inputs.metadata, {
                name: "llm-credentials",
                namespace: "agents",
                labels: { "app.kubernetes.io/managed-by": "pulumi-omnia", "omnia.altairalabs.ai/kind": "Provider" },
            });
            // The component's own registration carries its Construct inputs, the key still secret there.
            assert.deepEqual(component("LlmProvider").secretPaths, ["apiKey"]);
            for (const r of engine.registrations.filter((r) => r !== credentials)) {
                assert.equal(JSON.stringify(withoutSecrets(r.raw)).includes(API_KEY), false, `${r.type} ${r.name}`);
            }
            for (const [urn, outputs] of engine.outputs) {
                const plain = JSON.stringify(outputs.value);
                assert.equal(plain.includes(API_KEY), false, `outputs of ${urn}`);
            }
            assert.equal(JSON.stringify(state).includes(API_KEY), false, "Construct responses");
            // Debug logs are left out: the SDK itself logs each RegisterResource response (the Secret's echoed outputs) at DEBUG.
            assert.equal(
                engine.logs.some((l) => l.severity > LogSeverity.DEBUG && l.message.includes(API_KEY)),
                false,
                "log messages",
            );
        });

        it("returns the agent's readiness outputs in the Construct state", () => {
            const agent = state.AgentRuntime.value;
            assert.deepEqual(Object.keys(agent).sort(), ["activeVersion", "serviceEndpoint", "status"]);
            assert.equal(agent.activeVersion, "2.1.0");
            assert.equal(agent.serviceEndpoint, "production-agent.agents.svc.cluster.local:8080");
            assert.equal(agent.status.phase, "Running");
            assert.deepEqual(agent.status.replicas, { desired: 1, ready: 1, available: 1 });
            assert.ok(
                agent.status.conditions.every((c: any) => c.status === "True"),
                JSON.stringify(agent.status.conditions),
            );
            assert.deepEqual(state.AgentRuntime.secretPaths, []);
            assert.deepEqual(state.PromptPack.value, { name: "customer-service-prompts", namespace: "agents", versions: ["2.1.0"], tracks: { stable: "2.1.0" } });
            assert.deepEqual(state.ToolRegistry.value, { name: "service-tools", namespace: "agents", handlers: ["weather"] });
            // The managed Secret's resourceVersion (assigned by the API server), never a hash of the key.
            assert.equal(state.LlmProvider.value.credentialsVersion, engine.one("kubernetes:core/v1:Secret", "claude-production-credentials").resourceVersion);
        });

        it("registers the Deployment exactly as renderAgentRuntime renders it", () => {
            const pack = validateDocument("PromptPack", "customer-service-prompts", { metadata, spec: PACK_SPEC });
            const provider = validateDocument("Provider", "claude-production", { metadata, spec: PROVIDER_SPEC });
            const tools = validateDocument("ToolRegistry", "service-tools", { metadata, spec: TOOLS_SPEC });
            const agent = validateDocument("AgentRuntime", "production-agent", { metadata, spec: productionSpec(), images: { runtime: RUNTIME_IMAGE } });
            const expected = renderAgentRuntime(
                agent.metadata,
                agent.spec,
                {
                    promptPack: resolvePromptPack("production-agent", promptPackDescriptor(pack.metadata, pack.spec), agent.spec.promptPackRef),
                    provider: resolveProvider(providerDescriptor(provider.metadata, provider.spec)),
                    toolRegistry: resolveToolRegistry(toolRegistryDescriptor(tools.metadata, tools.spec)),
                },
                { credentialsVersion: state.LlmProvider.value.credentialsVersion, images: agent.images },
            );
            const deployment = engine.one(DEPLOYMENT, "production-agent").inputs;
            const containers = (d: any) => Object.fromEntries([...d.spec.template.spec.initContainers, ...d.spec.template.spec.containers].map((c: any) => [c.name, c]));
            for (const [name, container] of Object.entries<any>(containers(expected.deployment))) {
                assert.deepEqual(containers(deployment)[name].env, container.env, `${name} env`);
            }
            assert.deepEqual(deployment.spec.template.spec.volumes, (expected.deployment.spec as any).template.spec.volumes);
            // KEDA scales it: a new Deployment starts at minReplicas (1) and the count is left to KEDA afterwards.
            assert.deepEqual(deployment.spec, { ...expected.deployment.spec, replicas: 1 });
            assert.deepEqual(engine.one(DEPLOYMENT, "production-agent").ignoreChanges, ["spec.replicas"]);
            assert.deepEqual(deployment.metadata, expected.deployment.metadata);
            assert.deepEqual(engine.one("kubernetes:keda.sh/v1alpha1:ScaledObject", "production-agent").inputs.spec, expected.scaledObject!.spec);
            assert.deepEqual(engine.one("kubernetes:core/v1:Service", "production-agent").inputs.spec, expected.service.spec);
            assert.deepEqual(engine.one("kubernetes:core/v1:ServiceAccount", "production-agent").inputs.metadata, expected.serviceAccount.metadata);
            assert.deepEqual(engine.one(CONFIG_MAP, "production-agent-tools").inputs.data, expected.toolsConfigMap!.data);
        });

        it("orders the Deployment after its ServiceAccount, tools ConfigMap and the companions' objects", () => {
            const deps = new Set(engine.one(DEPLOYMENT, "production-agent").dependencies);
            for (const [type, name] of [
                ["kubernetes:core/v1:ServiceAccount", "production-agent"],
                [CONFIG_MAP, "production-agent-tools"],
                [CONFIG_MAP, "customer-service-prompts-v2.1.0"],
                ["kubernetes:core/v1:Secret", "claude-production-credentials"],
            ]) {
                assert.ok(deps.has(engine.one(type, name).urn), `depends on ${type} ${name}`);
            }
        });
    });

    describe("Construct of an invalid AgentRuntime (after the production example)", () => {
        it("fails with every problem as an input property error and registers nothing", async () => {
            const spec: any = productionSpec();
            spec.facade.port = 9000;
            spec.session.ttl = "1d";
            spec.runtime.autoscaling = { enabled: true, type: "hpa", minReplicas: 0, maxReplicas: 5 };
            const before = engine.registrations.length;
            const err: any = await construct("AgentRuntime", "bad-agent", { metadata, spec }).then(
                () => assert.fail("Construct succeeded"),
                (e) => e,
            );
            assert.equal(err.code, 3 /* INVALID_ARGUMENT */, err.message);
            const details = inputPropertiesErrors(err);
            assert.equal(details.message, 'invalid AgentRuntime "bad-agent": 3 problems', "the stack's omnia:runtimeImage reached the plugin");
            assert.deepEqual(details.errors, [
                { propertyPath: "spec.facade.port", reason: "must not be one of the reserved ports 8081, 9000, 9001 (got 9000)" },
                { propertyPath: "spec.session.ttl", reason: 'must be a positive Go duration such as "30m", "24h" or "1h30m" (got "1d")' },
                { propertyPath: "spec.runtime.autoscaling.minReplicas", reason: '0 is only allowed with type "keda" (got type "hpa")' },
            ]);
            assert.equal(engine.registrations.length, before);
            assert.equal(
                engine.registrations.some((r) => r.name.startsWith("bad-agent")),
                false,
            );
            assert.deepEqual(engine.reads, []);
            assert.equal(JSON.parse(await plugin.getSchema()).name, "omnia", "the plugin still serves after the error");
        });
    });

    describe("Construct during a preview", () => {
        it("asks for a spec that is known: an unknown value in it is an input property error on spec", async () => {
            const before = engine.registrations.length;
            const spec = { handlers: [{ name: "weather", type: "http", httpConfig: { endpoint: UNKNOWN } }] };
            const err: any = await construct("ToolRegistry", "preview-tools", { metadata, spec }, true).then(
                () => assert.fail("Construct succeeded"),
                (e) => e,
            );
            assert.equal(err.code, 3 /* INVALID_ARGUMENT */, err.message);
            assert.deepEqual(inputPropertiesErrors(err).errors, [
                { propertyPath: "spec.handlers[0].httpConfig.endpoint", reason: "depends on a value that is not known until the update runs" },
            ]);
            assert.equal(engine.registrations.length, before);
        });

        it("takes an argument sent as null (the Node.js SDK's way of leaving it out) as absent", async () => {
            const nullOutput = { [SIG_KEY]: OUTPUT_VALUE_SIG, value: null, dependencies: [] };
            const result = await construct(
                "AgentRuntime",
                "null-args-agent",
                { metadata, spec: productionSpec(), images: null, networkPolicy: nullOutput, ephemeralStorage: nullOutput },
                true,
            );
            const kinds = engine.registrations.filter((r) => r.parent === result.urn).map((r) => r.type);
            assert.ok(kinds.includes("kubernetes:networking.k8s.io/v1:NetworkPolicy"), `the default NetworkPolicy: ${kinds.join(", ")}`);
            const apiKeyNull = await construct("LlmProvider", "null-key-provider", { metadata, spec: PROVIDER_SPEC, apiKey: nullOutput }, true);
            assert.deepEqual(
                engine.registrations.filter((r) => r.parent === apiKeyNull.urn).map((r) => r.type),
                ["kubernetes:core/v1:ConfigMap"],
                "no Secret without an apiKey",
            );
        });

        it("rejects a type it does not provide", async () => {
            await assert.rejects(construct("Agent", "x", { metadata, spec: {} }, true), /unknown resource type omnia:index:Agent/);
        });
    });
});
