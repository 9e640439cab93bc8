import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { cluster, install, isKnown, isSecret, secretValue, settle, valueOf, withoutSecrets } from "./mocks";
import { AgentRuntime, LlmProvider, PromptPack, ToolRegistry, SpecValidationError } from "../../../provider/src";
import { renderAgentRuntime, promptPackDescriptor, providerDescriptor, descriptorName, DESCRIPTOR_KEY } from "../../../provider/src/render";
import { validateDocument } from "../../../provider/src/spec";
import { packContent, productionSpec, RUNTIME_IMAGE, weatherHandler } from "../fixtures";

const PACK_SPEC = {
    versions: [
        { version: "2.1.0", content: packContent("2.1.0") },
        { version: "2.2.0-rc.1", content: packContent("2.2.0-rc.1") },
    ],
    tracks: { canary: "2.2.0-rc.1" },
};
const PROVIDER_SPEC = { type: "claude" as const, model: "claude-sonnet-4-20250514", secretRef: { name: "llm-credentials" }, defaults: { temperature: "0.7", maxTokens: 4096 } };
const TOOLS_SPEC = { handlers: [weatherHandler()] };

let unique = 0;
/** A fresh namespace per test, so companions registered by name in earlier tests never match. */
const freshNamespace = () => `ns-${++unique}`;

function companions(namespace: string, providerNamespace = namespace, apiKey?: pulumi.Input<string>) {
    return {
        pack: new PromptPack("customer-service-prompts", { metadata: { namespace }, spec: PACK_SPEC }),
        provider: new LlmProvider("claude-production", { metadata: { namespace: providerNamespace }, spec: PROVIDER_SPEC, apiKey }),
        tools: new ToolRegistry("service-tools", { metadata: { namespace }, spec: TOOLS_SPEC }),
    };
}

function productionAgent(namespace: string, c: ReturnType<typeof companions>, change: (s: any) => void = () => {}, opts?: pulumi.ComponentResourceOptions) {
    const spec: any = productionSpec();
    spec.promptPackRef.name = c.pack;
    spec.providerRef = { name: c.provider };
    spec.toolRegistryRef = { name: c.tools };
    change(spec);
    return new AgentRuntime("production-agent", { metadata: { namespace }, spec, images: { runtime: RUNTIME_IMAGE } }, opts);
}

const childTypes = (agentName: string) =>
    cluster.registered
        .filter((r) => r.id === undefined && r.inputs?.metadata?.name?.startsWith(agentName))
        .map((r) => `${r.type}::${r.name}`)
        .sort();

describe("AgentRuntime component (pulumi up, mocked engine)", () => {
    before(() => install(false));
    beforeEach(() => cluster.reset());

    it("creates the rendered objects as children, exactly as the renderer makes them", async () => {
        const ns = freshNamespace();
        const c = companions(ns);
        const agent = productionAgent(ns, c);
        await valueOf(agent.status);
        await settle();
        assert.deepEqual(childTypes("production-agent"), [
            "kubernetes:apps/v1:Deployment::production-agent",
            "kubernetes:core/v1:ConfigMap::production-agent-tools",
            "kubernetes:core/v1:Service::production-agent",
            "kubernetes:core/v1:ServiceAccount::production-agent",
            "kubernetes:keda.sh/v1alpha1:ScaledObject::production-agent",
            "kubernetes:networking.k8s.io/v1:NetworkPolicy::production-agent",
            "kubernetes:policy/v1:PodDisruptionBudget::production-agent",
        ]);
        const doc = validateDocument("AgentRuntime", "production-agent", { metadata: { namespace: ns }, spec: { ...productionSpec() }, images: { runtime: RUNTIME_IMAGE } });
        const expected = renderAgentRuntime(
            doc.metadata,
            doc.spec,
            {
                promptPack: {
                    name: "customer-service-prompts",
                    namespace: ns,
                    version: "2.1.0",
                    configMapName: "customer-service-prompts-v2.1.0",
                    contentHash: promptPackDescriptor({ name: "customer-service-prompts", namespace: ns }, validateDocument("PromptPack", "x", { spec: PACK_SPEC }).spec).versions[
                        "2.1.0"
                    ].contentHash,
                    promptName: "support",
                },
                provider: { type: "claude", model: PROVIDER_SPEC.model, secretRef: PROVIDER_SPEC.secretRef, source: { name: "claude-production", namespace: ns } },
                toolRegistry: { name: "service-tools", namespace: ns, handlers: TOOLS_SPEC.handlers },
            },
            { images: doc.images },
        );
        const deployment = cluster.one("kubernetes:apps/v1:Deployment");
        // plus the count a new Deployment starts with under KEDA (minReplicas 1), see replicaOwnership.ts
        assert.deepEqual(deployment.inputs.spec, { ...expected.deployment.spec, replicas: 1 });
        assert.deepEqual(deployment.inputs.metadata, expected.deployment.metadata);
        assert.deepEqual(cluster.one("kubernetes:keda.sh/v1alpha1:ScaledObject").inputs.spec, expected.scaledObject!.spec);
        assert.deepEqual(cluster.one("kubernetes:core/v1:Service").inputs.spec, expected.service.spec);
        assert.deepEqual(cluster.one("kubernetes:networking.k8s.io/v1:NetworkPolicy").inputs.spec, expected.networkPolicy!.spec);
        assert.deepEqual(cluster.one("kubernetes:policy/v1:PodDisruptionBudget").inputs.spec, expected.podDisruptionBudget!.spec);
    });

    it("sends its inputs, with references by name, to the engine (policy packs read them)", async () => {
        const ns = freshNamespace();
        const agent = productionAgent(ns, companions(ns));
        await valueOf(agent.status);
        await settle();
        const inputs = cluster.registered.find((r) => r.type === "omnia:index:AgentRuntime")!.inputs;
        assert.deepEqual(inputs.metadata, { namespace: ns });
        assert.deepEqual(inputs.spec.promptPackRef, { name: "customer-service-prompts", version: "2.1.0" });
        assert.deepEqual(inputs.spec.providerRef, { name: "claude-production", namespace: ns });
        assert.equal(inputs.spec.session.type, "redis");
    });

    it("parents every child to the component", async () => {
        const ns = freshNamespace();
        const agent = productionAgent(ns, companions(ns));
        const urns = await Promise.all([agent.deployment, agent.service, agent.serviceAccount, agent.scaledObject!, agent.toolsConfigMap!].map((r) => valueOf(r.urn)));
        for (const urn of urns) assert.match(urn!, /::omnia:index:AgentRuntime\$kubernetes:/);
    });

    it("reports readiness outputs from the live Deployment and Service", async () => {
        const ns = freshNamespace();
        const agent = productionAgent(ns, companions(ns));
        const status = await valueOf(agent.status);
        assert.equal(status!.phase, "Running");
        assert.deepEqual(status!.replicas, { desired: 1, ready: 1, available: 1 });
        assert.deepEqual(
            status!.conditions.map((c) => [c.type, c.status]),
            [
                ["Ready", "True"],
                ["DeploymentReady", "True"],
                ["ServiceReady", "True"],
                ["PromptPackReady", "True"],
                ["ProviderReady", "True"],
                ["ToolRegistryReady", "True"],
                ["AutoscalingReady", "True"],
            ],
        );
        assert.equal(await valueOf(agent.serviceEndpoint), `production-agent.${ns}.svc.cluster.local:8080`);
        assert.equal(await valueOf(agent.activeVersion), "2.1.0");
    });

    it("follows a track when no version is pinned", async () => {
        const ns = freshNamespace();
        const agent = productionAgent(ns, companions(ns), (s) => (s.promptPackRef = { name: s.promptPackRef.name, track: "canary" }));
        assert.equal(await valueOf(agent.activeVersion), "2.2.0-rc.1");
        const other = freshNamespace();
        const stable = productionAgent(other, companions(other), (s) => (s.promptPackRef = { name: s.promptPackRef.name }));
        assert.equal(await valueOf(stable.activeVersion), "2.1.0", "stable: the highest version without a prerelease part");
    });

    for (const [type, present, absent] of [
        ["hpa", "kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "kubernetes:keda.sh/v1alpha1:ScaledObject"],
        ["keda", "kubernetes:keda.sh/v1alpha1:ScaledObject", "kubernetes:autoscaling/v2:HorizontalPodAutoscaler"],
    ]) {
        it(`creates only the ${type} autoscaler; the Deployment starts at minReplicas and is not forced`, async () => {
            const ns = freshNamespace();
            const agent = productionAgent(ns, companions(ns), (s) => {
                s.runtime.autoscaling = { enabled: true, type, minReplicas: 2, maxReplicas: 5 };
                s.runtime.replicas = 4; // ignored: the autoscaler owns the count
            });
            await valueOf(agent.status);
            await settle();
            assert.equal(cluster.of(present).length, 1);
            assert.equal(cluster.of(absent).length, 0);
            const deployment = cluster.one("kubernetes:apps/v1:Deployment").inputs;
            assert.equal(deployment.spec.replicas, 2);
            assert.equal(deployment.metadata.annotations, undefined, "no pulumi.com/patchForce under an autoscaler");
            assert.equal(cluster.of("kubernetes:policy/v1:PodDisruptionBudget").length, 1);
        });
    }

    it("keda with minReplicas 0 starts the Deployment at 1 pod", async () => {
        const ns = freshNamespace();
        const agent = productionAgent(ns, companions(ns), (s) => (s.runtime.autoscaling = { enabled: true, type: "keda", minReplicas: 0, maxReplicas: 5 }));
        await valueOf(agent.status);
        await settle();
        assert.equal(cluster.one("kubernetes:apps/v1:Deployment").inputs.spec.replicas, 1);
    });

    it("writes replicas, forced, and creates no autoscaler when autoscaling is off", async () => {
        const ns = freshNamespace();
        const agent = productionAgent(ns, companions(ns), (s) => (s.runtime.autoscaling = { enabled: false }));
        await valueOf(agent.status);
        await settle();
        const deployment = cluster.one("kubernetes:apps/v1:Deployment").inputs;
        assert.equal(deployment.spec.replicas, 3);
        assert.deepEqual(deployment.metadata.annotations, { "pulumi.com/patchForce": "true" });
        assert.equal(cluster.of("kubernetes:autoscaling/v2:HorizontalPodAutoscaler").length + cluster.of("kubernetes:keda.sh/v1alpha1:ScaledObject").length, 0);
    });

    it("resolves references by name to companions declared earlier in the program", async () => {
        const ns = freshNamespace();
        companions(ns);
        const agent = new AgentRuntime("production-agent", { metadata: { namespace: ns }, spec: productionSpec(), images: { runtime: RUNTIME_IMAGE } });
        assert.equal(await valueOf(agent.activeVersion), "2.1.0");
        assert.equal(cluster.registered.filter((r) => r.id !== undefined).length, 0, "nothing read from the cluster");
    });

    it("takes the runtime image from the stack config omnia:runtimeImage, below the agent's own", async () => {
        const ns = freshNamespace();
        companions(ns);
        pulumi.runtime.setConfig("omnia:runtimeImage", "registry.example.com/stack-runtime:1.0.0");
        try {
            const fromStack = new AgentRuntime("from-stack", { metadata: { namespace: ns }, spec: productionSpec() });
            const own = new AgentRuntime("own", { metadata: { namespace: ns }, spec: { ...productionSpec(), framework: { image: RUNTIME_IMAGE } } });
            const image = async (a: AgentRuntime) => (await valueOf(a.deployment.spec))!.template.spec.initContainers![0].image;
            assert.equal(await image(fromStack), "registry.example.com/stack-runtime:1.0.0");
            assert.equal(await image(own), RUNTIME_IMAGE);
        } finally {
            pulumi.runtime.setConfig("omnia:runtimeImage", undefined as any);
        }
    });

    it("resolves references by name from the descriptors other stacks published", async () => {
        const ns = freshNamespace();
        const packDoc = validateDocument("PromptPack", "customer-service-prompts", { metadata: { namespace: ns }, spec: PACK_SPEC });
        const providerDoc = validateDocument("Provider", "claude-production", { metadata: { namespace: ns }, spec: PROVIDER_SPEC });
        cluster.existing.set(`kubernetes:core/v1:ConfigMap/${ns}/${descriptorName("PromptPack", "customer-service-prompts")}`, {
            data: { [DESCRIPTOR_KEY]: JSON.stringify(promptPackDescriptor(packDoc.metadata, packDoc.spec)) },
        });
        cluster.existing.set(`kubernetes:core/v1:ConfigMap/${ns}/${descriptorName("Provider", "claude-production")}`, {
            data: { [DESCRIPTOR_KEY]: JSON.stringify(providerDescriptor(providerDoc.metadata, providerDoc.spec)) },
        });
        const spec: any = productionSpec();
        delete spec.toolRegistryRef;
        const agent = new AgentRuntime("production-agent", { metadata: { namespace: ns }, spec, images: { runtime: RUNTIME_IMAGE } });
        assert.equal(await valueOf(agent.activeVersion), "2.1.0");
        const runtime = (await valueOf(agent.deployment.spec))!.template.spec.initContainers!.find((c) => c.name === "runtime")!;
        assert.equal(runtime.env.find((e) => e.name === "OMNIA_PROVIDER_MODEL")!.value, "claude-sonnet-4-20250514");
        assert.deepEqual(
            cluster.registered
                .filter((r) => r.id !== undefined)
                .map((r) => r.id)
                .sort(),
            [`${ns}/omnia.promptpack.customer-service-prompts`, `${ns}/omnia.provider.claude-production`],
        );
    });

    it("fails before registering anything when a PromptPack of this program has no such version", async () => {
        const ns = freshNamespace();
        const c = companions(ns);
        await settle();
        const before = cluster.registered.length;
        assert.throws(
            () => productionAgent(ns, c, (s) => (s.promptPackRef.version = "9.9.9")),
            (e: any) => {
                assert.ok(e instanceof SpecValidationError);
                assert.deepEqual(e.issues, [
                    { path: "spec.promptPackRef.version", message: `PromptPack "${ns}/customer-service-prompts" has no version "9.9.9" (published: 2.1.0, 2.2.0-rc.1)` },
                ]);
                return true;
            },
        );
        await settle();
        assert.equal(cluster.registered.length, before);
    });

    it("fails with a message naming a descriptor that is not a PromptPack", async () => {
        const ns = freshNamespace();
        cluster.existing.set(`kubernetes:core/v1:ConfigMap/${ns}/omnia.promptpack.other`, { data: { unrelated: "x" } });
        const agent = new AgentRuntime("a", { metadata: { namespace: ns }, spec: { promptPackRef: { name: "other" }, facade: { handler: "echo" } } });
        await assert.rejects((agent.activeVersion as any).promise(), /spec\.promptPackRef\.name: PromptPack ".*\/other" cannot be resolved/);
        await settle();
        assert.deepEqual(childTypes("a"), [], "every child waits for the descriptor: nothing is created");
    });

    it("creates no child when a reference by name resolves nowhere (no half-applied agent)", async () => {
        const ns = freshNamespace();
        const agent = new AgentRuntime("lost", { metadata: { namespace: ns }, spec: { promptPackRef: { name: "no-such-prompts" }, facade: { handler: "echo" } } });
        await assert.rejects((agent.activeVersion as any).promise(), /omnia.promptpack.no-such-prompts" does not exist/);
        await settle();
        assert.deepEqual(childTypes("lost"), []);
    });

    it("rejects a bad spec before registering anything", () => {
        const before = cluster.registered.length;
        assert.throws(
            () =>
                new AgentRuntime("bad-agent", {
                    metadata: { namespace: "agents" },
                    spec: { promptPackRef: { name: "p" }, facade: { port: 9000 }, runtime: { autoscaling: { enabled: true, minReplicas: 0 } } } as any,
                    images: { facade: "ghcr.io/x/facade:latest" },
                }),
            (e: any) => {
                assert.ok(e instanceof SpecValidationError);
                assert.deepEqual(
                    e.issues.map((i: any) => i.path),
                    ["spec.facade.port", "spec.runtime.autoscaling.minReplicas", "images.facade", "spec.providerRef", "spec.framework.image"],
                );
                return true;
            },
        );
        assert.equal(cluster.registered.length, before);
    });

    it("keeps the API key secret and copies it for an agent in another namespace", async () => {
        const ns = freshNamespace();
        const shared = freshNamespace();
        const c = companions(ns, shared, pulumi.secret("sk-ant-test"));
        const agent = productionAgent(ns, c);
        assert.equal(await isSecret(c.provider.secret!.stringData), true);
        assert.equal(await isSecret(agent.credentialsSecret!.data), true);
        await valueOf(agent.status);
        await settle();
        const copy = cluster.one("kubernetes:core/v1:Secret", "production-agent-credentials");
        assert.deepEqual(copy.inputs.metadata.name, "production-agent-llm-credentials");
        assert.equal(copy.inputs.metadata.namespace, ns);
        assert.deepEqual(secretValue(copy.inputs.data), { ANTHROPIC_API_KEY: Buffer.from("sk-ant-test").toString("base64") });
        const runtime = cluster.one("kubernetes:apps/v1:Deployment").inputs.spec.template.spec.initContainers[0];
        assert.deepEqual(
            runtime.env.find((e: any) => e.name === "ANTHROPIC_API_KEY"),
            { name: "ANTHROPIC_API_KEY", valueFrom: { secretKeyRef: { name: "production-agent-llm-credentials", key: "ANTHROPIC_API_KEY" } } },
        );
        const plain = JSON.stringify(cluster.registered.map((r) => withoutSecrets(r.inputs)));
        assert.equal(plain.includes("sk-ant-test"), false, "the key is never registered outside a secret");
        const providerInputs = cluster.registered.find((r) => r.type === "omnia:index:LlmProvider")!.inputs;
        assert.equal(secretValue(providerInputs.apiKey), "sk-ant-test", "the component's own input is a secret");
    });

    it("copies an existing Secret read from the Provider's namespace", async () => {
        const ns = freshNamespace();
        const shared = freshNamespace();
        cluster.existing.set(`kubernetes:core/v1:Secret/${shared}/llm-credentials`, { data: { ANTHROPIC_API_KEY: "c2stYW50", OTHER: "eA==" } });
        const agent = productionAgent(ns, companions(ns, shared));
        await valueOf(agent.status);
        await settle();
        assert.deepEqual(secretValue(cluster.one("kubernetes:core/v1:Secret", "production-agent-credentials").inputs.data), { ANTHROPIC_API_KEY: "c2stYW50" });
        assert.equal(await isSecret(agent.credentialsSecret!.data), true);
    });

    it("passes the providers option down to every child", async () => {
        const ns = freshNamespace();
        const k8sProvider = new k8s.Provider("target", { kubeconfig: "{}" });
        const agent = productionAgent(ns, companions(ns), undefined, { providers: [k8sProvider] });
        await valueOf(agent.status);
        await settle();
        const children = cluster.registered.filter(
            (r) => r.type.startsWith("kubernetes:") && r.type !== "pulumi:providers:kubernetes" && r.inputs?.metadata?.name?.startsWith("production-agent"),
        );
        assert.ok(children.length >= 5);
        for (const child of children) assert.match(child.provider ?? "", /pulumi:providers:kubernetes::target::/, child.type);
    });
});

describe("AgentRuntime component (pulumi preview of a new stack, mocked engine)", () => {
    before(() => install(true));
    after(() => install(false));
    beforeEach(() => cluster.reset());

    it("resolves companions created in the same program and leaves live outputs unknown", async () => {
        const ns = freshNamespace();
        const agent = productionAgent(ns, companions(ns));
        assert.equal(await isKnown(agent.status), false);
        assert.equal(await isKnown(agent.serviceEndpoint), false);
        assert.equal(await valueOf(agent.activeVersion), "2.1.0");
        await settle();
        const deployment = cluster.one("kubernetes:apps/v1:Deployment");
        const podSpec = deployment.inputs.spec.template.spec;
        assert.deepEqual(
            [...podSpec.initContainers, ...podSpec.containers].map((c: any) => c.name),
            ["runtime", "facade"],
            "the Deployment is fully planned in preview",
        );
    });
});
