// metadata.namespace, labels and annotations given as Pulumi Outputs (a Namespace created in the same
// program): every child is placed once they are known, a preview with them unknown still plans every
// object, and a value that fails validation once known creates nothing and names its field.
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { cluster, install, isKnown, secretValue, settle, valueOf } from "./mocks";
import { AgentRuntime, LlmProvider, PromptPack, ToolRegistry } from "../../../provider/src";
import { DESCRIPTOR_KEY, descriptorName, promptPackDescriptor, renderAgentRuntime } from "../../../provider/src/render";
import { validateDocument } from "../../../provider/src/spec";
import { packContent, productionSpec, RUNTIME_IMAGE, weatherHandler } from "../fixtures";

const PACK_SPEC = { versions: [{ version: "2.1.0", content: packContent("2.1.0") }] };
const PROVIDER_SPEC = { type: "claude" as const, model: "claude-sonnet-4-20250514", secretRef: { name: "llm-credentials" } };
const TOOLS_SPEC = { handlers: [weatherHandler()] };

let unique = 0;
const freshName = (prefix: string) => `${prefix}-${++unique}`;

/**
 * The companions and the production agent, every one given `namespace` (each its own Output when it is
 * a function). Names are unique per program: a companion whose namespace stays unknown (a preview)
 * would otherwise keep every later reference by its name unresolved.
 */
function program(namespace: () => pulumi.Input<string>, providerNamespace: () => pulumi.Input<string> = namespace) {
    const n = ++unique;
    const names = { pack: `prompts-${n}`, provider: `claude-${n}`, tools: `tools-${n}`, agent: `agent-${n}` };
    const pack = new PromptPack(names.pack, { metadata: { namespace: namespace() }, spec: PACK_SPEC });
    const provider = new LlmProvider(names.provider, { metadata: { namespace: providerNamespace() }, spec: PROVIDER_SPEC });
    const tools = new ToolRegistry(names.tools, { metadata: { namespace: namespace() }, spec: TOOLS_SPEC });
    const spec = { ...productionSpec(), promptPackRef: { name: pack, version: "2.1.0" }, providerRef: { name: provider }, toolRegistryRef: { name: tools } };
    const agent = new AgentRuntime(names.agent, { metadata: { namespace: namespace() }, spec, images: { runtime: RUNTIME_IMAGE } });
    const objects = [
        `kubernetes:apps/v1:Deployment::${names.agent}`,
        `kubernetes:core/v1:ConfigMap::${names.agent}-tools`,
        `kubernetes:core/v1:ConfigMap::${names.provider}-descriptor`,
        `kubernetes:core/v1:ConfigMap::${names.pack}-descriptor`,
        `kubernetes:core/v1:ConfigMap::${names.pack}-v2.1.0`,
        `kubernetes:core/v1:ConfigMap::${names.tools}-descriptor`,
        `kubernetes:core/v1:Service::${names.agent}`,
        `kubernetes:core/v1:ServiceAccount::${names.agent}`,
        `kubernetes:keda.sh/v1alpha1:ScaledObject::${names.agent}`,
        `kubernetes:networking.k8s.io/v1:NetworkPolicy::${names.agent}`,
        `kubernetes:policy/v1:PodDisruptionBudget::${names.agent}`,
    ].sort();
    return { names, pack, provider, tools, agent, objects };
}

/** Kubernetes objects registered (not read), by type and name. */
const children = () =>
    cluster.registered
        .filter((r) => r.id === undefined && r.type.startsWith("kubernetes:") && r.type !== "kubernetes:core/v1:Namespace")
        .map((r) => `${r.type}::${r.name}`)
        .sort();

describe("Metadata given as Outputs (pulumi preview of a new stack: the Namespace is created in the same update)", () => {
    before(() => install(true));
    after(() => install(false));
    beforeEach(() => cluster.reset());

    it("plans every object, its namespace unknown, without reading the cluster", async () => {
        const ns = new k8s.core.v1.Namespace(freshName("agents"));
        assert.equal(await isKnown(ns.metadata.name), false, "an auto-named Namespace has no name before it is created");
        const { agent, pack, objects } = program(() => ns.metadata.name);
        await settle();
        assert.deepEqual(children(), objects);
        for (const child of cluster.registered.filter((r) => r.type.startsWith("kubernetes:") && r.type !== "kubernetes:core/v1:Namespace")) {
            assert.ok(pulumi.isUnknown(child.inputs.metadata) || pulumi.isUnknown(child.inputs.metadata.namespace), `${child.type} ${child.name}: namespace unknown`);
        }
        assert.equal(cluster.registered.filter((r) => r.id !== undefined).length, 0, "nothing read from the cluster");
        assert.equal(await isKnown(agent.activeVersion), false);
        assert.deepEqual(await valueOf(pack.versions), ["2.1.0"], "what does not depend on the namespace stays known");
        const inputs = cluster.registered.find((r) => r.type === "omnia:index:AgentRuntime")!.inputs;
        assert.ok(pulumi.isUnknown(inputs.metadata.namespace), "the engine (and policy packs) see the namespace as unknown");
        assert.equal(inputs.spec.promptPackRef.name, pack.shape.name);
    });

    it("still refuses a bad spec before anything registers", async () => {
        const ns = new k8s.core.v1.Namespace(freshName("agents"));
        await settle();
        const before = cluster.registered.length;
        assert.throws(
            () => new AgentRuntime("bad", { metadata: { namespace: ns.metadata.name }, spec: { promptPackRef: { name: "p" }, facade: { port: 9000, handler: "echo" } } }),
            /spec\.facade\.port: must not be one of the reserved ports 8081, 9000, 9001 \(got 9000\)/,
        );
        assert.throws(() => new PromptPack("bad-pack", { metadata: { namespace: ns.metadata.name }, spec: { versions: [] } }), /spec\.versions: must list at least one version/);
        await settle();
        assert.equal(cluster.registered.length, before);
    });
});

describe("Metadata given as Outputs (pulumi up)", () => {
    before(() => install(false));
    // A fresh runtime state: the children that failed validation here never settle (the engine would stop the program).
    after(() => install(false));
    beforeEach(() => cluster.reset());

    it("places every child in the namespace once known, as the renderer makes them for a plain namespace", async () => {
        const name = freshName("team");
        const ns = new k8s.core.v1.Namespace(name, { metadata: { name } });
        const { agent, provider, names, objects } = program(() => ns.metadata.name);
        assert.equal(await valueOf(agent.activeVersion), "2.1.0");
        await valueOf(agent.status);
        await settle();
        assert.deepEqual(children(), objects);
        for (const child of cluster.registered.filter((r) => r.id === undefined && r.type.startsWith("kubernetes:") && r.type !== "kubernetes:core/v1:Namespace")) {
            assert.equal(child.inputs.metadata.namespace, name, `${child.type} ${child.name}`);
        }
        assert.equal(cluster.registered.filter((r) => r.id !== undefined).length, 0, "nothing read from the cluster");
        assert.equal(agent.credentialsSecret, undefined, "same namespace once known: no copy of the credentials");
        assert.equal(await valueOf(agent.serviceEndpoint), `${names.agent}.${name}.svc.cluster.local:8080`);
        assert.equal((await valueOf(provider.descriptor))!.namespace, name);

        // The same objects the renderer makes for the namespace written as a plain string.
        const spec = { ...productionSpec(), promptPackRef: { name: names.pack, version: "2.1.0" }, providerRef: { name: names.provider }, toolRegistryRef: { name: names.tools } };
        const doc = validateDocument("AgentRuntime", names.agent, { metadata: { namespace: name }, spec, images: { runtime: RUNTIME_IMAGE } });
        const pack = validateDocument("PromptPack", names.pack, { metadata: { namespace: name }, spec: PACK_SPEC });
        const expected = renderAgentRuntime(
            doc.metadata,
            doc.spec,
            {
                promptPack: {
                    name: names.pack,
                    namespace: name,
                    version: "2.1.0",
                    configMapName: `${names.pack}-v2.1.0`,
                    contentHash: promptPackDescriptor(pack.metadata, pack.spec).versions["2.1.0"].contentHash,
                    promptName: "support",
                },
                provider: { type: "claude", model: PROVIDER_SPEC.model, secretRef: PROVIDER_SPEC.secretRef, source: { name: names.provider, namespace: name } },
                toolRegistry: { name: names.tools, namespace: name, handlers: TOOLS_SPEC.handlers },
            },
            { images: doc.images },
        );
        const deployment = cluster.one("kubernetes:apps/v1:Deployment").inputs;
        assert.deepEqual(deployment.metadata, expected.deployment.metadata);
        assert.deepEqual(deployment.spec, { ...expected.deployment.spec, replicas: 1 });
        assert.deepEqual(cluster.one("kubernetes:keda.sh/v1alpha1:ScaledObject").inputs.spec, expected.scaledObject!.spec);
        assert.deepEqual(cluster.one("kubernetes:networking.k8s.io/v1:NetworkPolicy").inputs.spec, expected.networkPolicy!.spec);
        assert.deepEqual(cluster.one("kubernetes:core/v1:ConfigMap", `${names.agent}-tools`).inputs.data, expected.toolsConfigMap!.data);
    });

    it("takes labels and annotations given as Outputs, the mock-provider annotation too", async () => {
        const namespace = freshName("labels");
        const agent = new AgentRuntime("mock-agent", {
            metadata: { namespace, labels: { team: pulumi.output("search") }, annotations: pulumi.output({ "omnia.altairalabs.ai/mock-provider": "true" }) },
            spec: { promptPackRef: { name: new PromptPack("mock-pack", { metadata: { namespace, labels: pulumi.output({ team: "search" }) }, spec: PACK_SPEC }) } },
            images: { runtime: RUNTIME_IMAGE },
        });
        assert.equal(await valueOf(agent.activeVersion), "2.1.0");
        await settle();
        for (const child of cluster.registered.filter((r) => r.id === undefined && r.type.startsWith("kubernetes:"))) {
            assert.equal(child.inputs.metadata.labels.team, "search", `${child.type} ${child.name}`);
        }
        const runtime = cluster.one("kubernetes:apps/v1:Deployment").inputs.spec.template.spec.initContainers[0];
        assert.deepEqual(
            runtime.env.find((e: any) => e.name === "OMNIA_MOCK_PROVIDER"),
            { name: "OMNIA_MOCK_PROVIDER", value: "true" },
        );
    });

    it("resolves a reference by name to a companion whose namespace is an Output", async () => {
        const name = freshName("byname");
        const ns = new k8s.core.v1.Namespace(name, { metadata: { name } });
        const packName = freshName("shared-prompts");
        new PromptPack(`${packName}-elsewhere`, { metadata: { name: packName, namespace: pulumi.output(freshName("elsewhere")) }, spec: PACK_SPEC });
        new PromptPack(packName, { metadata: { namespace: ns.metadata.name }, spec: PACK_SPEC });
        const agent = new AgentRuntime("echo-agent", { metadata: { namespace: ns.metadata.name }, spec: { promptPackRef: { name: packName }, facade: { handler: "echo" } } });
        assert.equal(await valueOf(agent.activeVersion), "2.1.0");
        await settle();
        assert.equal(cluster.registered.filter((r) => r.id !== undefined).length, 0, "the companion, not a read of the cluster");
        const deployment = cluster.one("kubernetes:apps/v1:Deployment").inputs;
        assert.equal(deployment.spec.template.spec.volumes.find((v: any) => v.configMap)?.configMap.name, `${packName}-v2.1.0`);
    });

    it("reads a reference by name from the cluster once the namespace is known", async () => {
        const name = freshName("cluster");
        const pack = validateDocument("PromptPack", "published-prompts", { metadata: { namespace: name }, spec: PACK_SPEC });
        cluster.existing.set(`kubernetes:core/v1:ConfigMap/${name}/${descriptorName("PromptPack", "published-prompts")}`, {
            data: { [DESCRIPTOR_KEY]: JSON.stringify(promptPackDescriptor(pack.metadata, pack.spec)) },
        });
        const agent = new AgentRuntime("reader", {
            metadata: { namespace: pulumi.output(name) },
            spec: { promptPackRef: { name: "published-prompts" }, facade: { handler: "echo" } },
        });
        assert.equal(await valueOf(agent.activeVersion), "2.1.0");
        await settle();
        assert.deepEqual(
            cluster.registered.filter((r) => r.id !== undefined).map((r) => r.id),
            [`${name}/omnia.promptpack.published-prompts`],
        );
        assert.equal(cluster.one("kubernetes:apps/v1:Deployment").inputs.metadata.namespace, name);
    });

    it("copies the credentials once it is known that the Provider is in another namespace", async () => {
        const name = freshName("agents");
        const shared = freshName("shared");
        const ns = new k8s.core.v1.Namespace(name, { metadata: { name } });
        cluster.existing.set(`kubernetes:core/v1:Secret/${shared}/llm-credentials`, { data: { ANTHROPIC_API_KEY: "c2stYW50" } });
        const { agent, names } = program(
            () => ns.metadata.name,
            () => shared,
        );
        await valueOf(agent.status);
        await settle();
        const copy = cluster.one("kubernetes:core/v1:Secret", `${names.agent}-credentials`).inputs;
        assert.equal(copy.metadata.namespace, name);
        assert.equal(copy.metadata.name, `${names.agent}-llm-credentials`);
        assert.deepEqual(secretValue(copy.data), { ANTHROPIC_API_KEY: "c2stYW50" });
        const runtime = cluster.one("kubernetes:apps/v1:Deployment").inputs.spec.template.spec.initContainers[0];
        assert.equal(runtime.env.find((e: any) => e.name === "ANTHROPIC_API_KEY").valueFrom.secretKeyRef.name, `${names.agent}-llm-credentials`);
    });

    it("fails the agent with the field and the rule when the namespace turns out invalid, creating nothing", async () => {
        const namespace = pulumi.output("Not_A_Label");
        const agent = new AgentRuntime("misplaced", { metadata: { namespace }, spec: { promptPackRef: { name: "p" }, facade: { handler: "echo" } } });
        await assert.rejects(
            (agent.activeVersion as any).promise(),
            /invalid AgentRuntime "misplaced":\n {2}metadata\.namespace: must be a DNS-1123 label \(lowercase letters, digits and '-', at most 63 characters\) \(got "Not_A_Label"\)/,
        );
        const pack = new PromptPack("misplaced-pack", { metadata: { namespace }, spec: PACK_SPEC });
        await assert.rejects((pack.descriptor as any).promise(), /invalid PromptPack "misplaced-pack":\n {2}metadata\.namespace: must be a DNS-1123 label/);
        await settle();
        assert.deepEqual(children(), [], "every child waits for the validated metadata");
    });

    it("fails once known when annotations given as an Output leave a runtime agent without a provider", async () => {
        const agent = new AgentRuntime("no-provider", {
            metadata: { namespace: freshName("ns"), annotations: pulumi.output({ team: "search" }) },
            spec: { promptPackRef: { name: "p" } },
            images: { runtime: RUNTIME_IMAGE },
        });
        await assert.rejects((agent.activeVersion as any).promise(), /spec\.providerRef: is required \(or an inline provider\) for handler "runtime"/);
        await settle();
        assert.deepEqual(children(), []);
    });

    it("fails once known when a PromptPack is not in the agent's namespace", async () => {
        const pack = new PromptPack("far-prompts", { metadata: { namespace: pulumi.output(freshName("far")) }, spec: PACK_SPEC });
        const agent = new AgentRuntime("far-agent", {
            metadata: { namespace: pulumi.output(freshName("near")) },
            spec: { promptPackRef: { name: pack }, facade: { handler: "echo" } },
        });
        await assert.rejects((agent.activeVersion as any).promise(), /spec\.promptPackRef\.name: PromptPack "far-\d+\/far-prompts" must be in the agent's namespace "near-\d+"/);
    });

    it("refuses, once known, a second companion of one name in one namespace", async () => {
        const namespace = freshName("dup");
        new ToolRegistry("tools-a", { metadata: { name: "tools", namespace: pulumi.output(namespace) }, spec: TOOLS_SPEC });
        const second = new ToolRegistry("tools-b", { metadata: { name: "tools", namespace }, spec: TOOLS_SPEC });
        await assert.rejects(
            (second.descriptor as any).promise(),
            new RegExp(`metadata\\.name: ToolRegistry "${namespace}/tools" is already declared in this program, by resource "tools-a"`),
        );
    });
});
