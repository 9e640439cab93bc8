// Bad input through the components (mocked engine): nothing half-applied, secrets that stay secret,
// names that cannot collide, hostile arguments reported with their path.
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { cluster, install, isSecret, secretValue, settle, valueOf, withoutSecrets } from "./mocks";
import { AgentRuntime, LlmProvider, PromptPack, ToolRegistry, SpecValidationError } from "../../../provider/src";
import { packContent, productionSpec, RUNTIME_IMAGE, weatherHandler } from "../fixtures";

let unique = 0;
const freshNamespace = () => `bad-${++unique}`;
const PACK_SPEC = { versions: [{ version: "2.1.0", content: packContent("2.1.0") }] };
const echoSpec = (pack: unknown) => ({ promptPackRef: { name: pack }, facade: { handler: "echo" } }) as any;

/** The issues a constructor throws with (it must throw a SpecValidationError). */
function issuesOf(construct: () => unknown) {
    try {
        construct();
    } catch (e) {
        if (!(e instanceof SpecValidationError)) throw e;
        return e.issues;
    }
    assert.fail("expected a SpecValidationError");
}

const children = (namespace: string) =>
    cluster.registered
        .filter((r) => r.custom && r.id === undefined && r.inputs?.metadata?.namespace === namespace)
        .map((r) => `${r.type}::${r.name}`)
        .sort();

describe("bad input through the components (mocked engine)", () => {
    before(() => install(false));
    beforeEach(() => cluster.reset());

    describe("nothing is half-applied", () => {
        it("a ToolRegistry passed where a PromptPack is expected fails before anything registers", async () => {
            const ns = freshNamespace();
            const tools = new ToolRegistry("tools", { metadata: { namespace: ns }, spec: { handlers: [weatherHandler()] } });
            await settle();
            const before = cluster.registered.length;
            assert.deepEqual(
                issuesOf(() => new AgentRuntime("a", { metadata: { namespace: ns }, spec: echoSpec(tools) })),
                [{ path: "spec.promptPackRef.name", message: "must be a name or a PromptPack (got a ToolRegistry)" }],
            );
            assert.deepEqual(
                issuesOf(() => new AgentRuntime("b", { metadata: { namespace: ns }, spec: echoSpec({ some: "object" }) })),
                [{ path: "spec.promptPackRef.name", message: "must be a name or a PromptPack (got another object)" }],
            );
            await settle();
            assert.equal(cluster.registered.length, before);
        });

        it("a PromptPack passed by object without the pinned version fails before anything registers", async () => {
            const ns = freshNamespace();
            const pack = new PromptPack("p", { metadata: { namespace: ns }, spec: PACK_SPEC });
            await settle();
            const before = cluster.registered.length;
            const spec = { promptPackRef: { name: pack, version: "3.0.0" }, facade: { handler: "echo" } } as any;
            assert.deepEqual(
                issuesOf(() => new AgentRuntime("a", { metadata: { namespace: ns }, spec })),
                [{ path: "spec.promptPackRef.version", message: `PromptPack "${ns}/p" has no version "3.0.0" (published: 2.1.0)` }],
            );
            await settle();
            assert.equal(cluster.registered.length, before);
        });

        it("a Provider Secret without the key the provider reads creates nothing of the agent", async () => {
            const ns = freshNamespace();
            const shared = freshNamespace();
            new PromptPack("p", { metadata: { namespace: ns }, spec: PACK_SPEC });
            new LlmProvider("llm", { metadata: { namespace: shared }, spec: { type: "claude", secretRef: { name: "creds" } } });
            cluster.existing.set(`kubernetes:core/v1:Secret/${shared}/creds`, { data: { WRONG_KEY: "eA==" } });
            const agent = new AgentRuntime("a", {
                metadata: { namespace: ns },
                spec: { promptPackRef: { name: "p" }, providerRef: { name: "llm", namespace: shared } },
                images: { runtime: RUNTIME_IMAGE },
            });
            await assert.rejects((agent.activeVersion as any).promise(), /spec\.providerRef: Secret ".*\/creds" has none of the keys ANTHROPIC_API_KEY/);
            await settle();
            assert.deepEqual(
                children(ns).filter((c) => !c.startsWith("kubernetes:core/v1:ConfigMap::p-")),
                [],
                "only the pack's own objects exist",
            );
        });
    });

    describe("hostile arguments", () => {
        it("undefined arguments are an error naming spec", () => {
            assert.deepEqual(
                issuesOf(() => new AgentRuntime("a", undefined as any)),
                [{ path: "spec", message: "is required (the arguments are { metadata?, spec, images? })" }],
            );
            assert.deepEqual(
                issuesOf(() => new PromptPack("p", undefined as any)),
                [{ path: "spec", message: "is required (the arguments are { metadata?, spec })" }],
            );
        });

        it("an Output as spec, or inside it, is named instead of its internals", () => {
            const outputMessage =
                "is a Pulumi Output (or Promise): documents take plain values, because they decide which objects exist; secrets belong in Secrets (e.g. LlmProvider apiKey)";
            assert.deepEqual(
                issuesOf(() => new AgentRuntime("a", { spec: pulumi.output(productionSpec()) as any })),
                [{ path: "spec", message: outputMessage }],
            );
            const spec: any = { ...productionSpec(), session: { type: "memory", ttl: pulumi.output("1h") } };
            assert.deepEqual(
                issuesOf(() => new AgentRuntime("b", { spec, images: { runtime: RUNTIME_IMAGE } })),
                [{ path: "spec.session.ttl", message: outputMessage }],
            );
        });

        it("a __proto__ key is reported, not dropped", () => {
            const labels = JSON.parse('{"team": "a", "__proto__": {"polluted": "yes"}}');
            assert.deepEqual(
                issuesOf(() => new PromptPack("p", { metadata: { labels }, spec: PACK_SPEC })),
                [{ path: "metadata.labels.__proto__", message: 'is not allowed as a key (JavaScript objects drop "__proto__")' }],
            );
            assert.equal(({} as any).polluted, undefined);
        });

        it("an empty API key is refused, given plainly or as a secret resolved later", async () => {
            assert.deepEqual(
                issuesOf(() => new LlmProvider("e", { spec: { type: "claude", secretRef: { name: "k" } }, apiKey: " " })),
                [{ path: "apiKey", message: "must not be empty: the runtime would start without credentials and every conversation would fail" }],
            );
            const ns = freshNamespace();
            const provider = new LlmProvider("later", {
                metadata: { namespace: ns },
                spec: { type: "claude", secretRef: { name: "k" } },
                apiKey: pulumi.secret(Promise.resolve("")),
            });
            await assert.rejects((provider.apiKey as any).promise(), /apiKey: must not be empty/);
            await settle();
            assert.deepEqual(children(ns), [], "no Secret with an empty key, nor the Provider's descriptor");
        });
    });

    describe("names that cannot collide", () => {
        it("two companions of one kind, namespace and name in one program are an error naming the first", () => {
            const ns = freshNamespace();
            new PromptPack("first", { metadata: { namespace: ns, name: "prompts" }, spec: PACK_SPEC });
            assert.deepEqual(
                issuesOf(() => new PromptPack("second", { metadata: { namespace: ns, name: "prompts" }, spec: PACK_SPEC })),
                [
                    {
                        path: "metadata.name",
                        message: `PromptPack "${ns}/prompts" is already declared in this program, by resource "first": two objects with one name would overwrite each other`,
                    },
                ],
            );
        });

        it("two PromptPacks of one name in two namespaces get distinct child URNs", async () => {
            const [a, b] = [freshNamespace(), freshNamespace()];
            const packs = [
                new PromptPack("prompts-a", { metadata: { namespace: a, name: "prompts" }, spec: PACK_SPEC }),
                new PromptPack("prompts-b", { metadata: { namespace: b, name: "prompts" }, spec: PACK_SPEC }),
            ];
            const urns = await Promise.all(packs.flatMap((p) => [...p.configMaps, p.descriptorConfigMap]).map((c) => valueOf(c.urn)));
            assert.equal(new Set(urns).size, 4);
        });

        it("versions that differ in case or build metadata get distinct ConfigMaps and URNs", async () => {
            const ns = freshNamespace();
            // With a 60-character pack name the long prereleases must be shortened to 253 characters.
            const versions = ["1.0.0-RC.1", "1.0.0-rc.1", "1.0.0+rc.1", `1.0.0-${"x".repeat(200)}.1`, `1.0.0-${"x".repeat(200)}.2`];
            const packName = "p".repeat(60);
            const pack = new PromptPack("p", {
                metadata: { namespace: ns, name: packName },
                spec: { versions: versions.map((version) => ({ version, content: packContent(version) })) },
            });
            await settle();
            const names = cluster
                .of("kubernetes:core/v1:ConfigMap")
                .filter((r) => r.inputs.metadata.name !== `omnia.promptpack.${packName}`)
                .map((r) => r.inputs.metadata.name);
            assert.equal(new Set(names).size, 5);
            for (const name of names) assert.match(name, /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/), assert.ok(name.length <= 253, name);
            assert.equal(new Set(await Promise.all(pack.configMaps.map((c) => valueOf(c.urn)))).size, 5);
            const labels = cluster
                .of("kubernetes:core/v1:ConfigMap")
                .map((r) => r.inputs.metadata.labels["omnia.altairalabs.ai/version"])
                .filter((v) => v !== undefined);
            assert.deepEqual(labels.sort(), ["1.0.0-RC.1", "1.0.0-rc.1"], "a label only where the version is a valid label value");
        });

        it("an agent named like a descriptor does not share a ConfigMap with it", async () => {
            const ns = freshNamespace();
            new PromptPack("p", { metadata: { namespace: ns }, spec: PACK_SPEC });
            new ToolRegistry("x-tools", { metadata: { namespace: ns }, spec: { handlers: [weatherHandler()] } });
            new LlmProvider("x", { metadata: { namespace: ns }, spec: { type: "claude", secretRef: { name: "k" } } });
            const spec = { promptPackRef: { name: "p" }, providerRef: { name: "x" }, toolRegistryRef: { name: "x-tools" } };
            new AgentRuntime("omnia-provider-x", { metadata: { namespace: ns }, spec, images: { runtime: RUNTIME_IMAGE } });
            await settle();
            await settle();
            const names = cluster
                .of("kubernetes:core/v1:ConfigMap")
                .filter((r) => r.inputs.metadata.namespace === ns)
                .map((r) => r.inputs.metadata.name);
            assert.equal(new Set(names).size, names.length, names.join(", "));
        });
    });

    it("metadata.labels and metadata.annotations reach every object created", async () => {
        const ns = freshNamespace();
        const metadata = { namespace: ns, labels: { team: "support" }, annotations: { "example.com/owner": "support" } };
        new PromptPack("customer-service-prompts", { metadata, spec: PACK_SPEC });
        new LlmProvider("claude-production", { metadata, spec: { type: "claude", secretRef: { name: "llm-credentials" } }, apiKey: pulumi.secret("sk-test") });
        new ToolRegistry("service-tools", { metadata, spec: { handlers: [weatherHandler()] } });
        const spec: any = productionSpec();
        spec.runtime.autoscaling = { enabled: true, type: "keda", minReplicas: 2, maxReplicas: 4 };
        const agent = new AgentRuntime("production-agent", { metadata, spec, images: { runtime: RUNTIME_IMAGE } });
        await valueOf(agent.status);
        await settle();
        const created = cluster.registered.filter((r) => r.custom && r.id === undefined && r.inputs.metadata?.namespace === ns);
        assert.equal(created.length, 12, created.map((r) => r.name).join(", "));
        for (const r of created) {
            assert.equal(r.inputs.metadata.labels.team, "support", `${r.type} ${r.name}`);
            assert.equal(r.inputs.metadata.annotations["example.com/owner"], "support", `${r.type} ${r.name}`);
        }
    });

    describe("secrets that arrived inside a document (the plugin's secretPaths)", () => {
        it("keep the component's recorded input, the objects carrying them and their outputs secret", async () => {
            const ns = freshNamespace();
            new PromptPack("customer-service-prompts", { metadata: { namespace: ns }, spec: PACK_SPEC });
            const spec: any = productionSpec();
            delete spec.providerRef, delete spec.toolRegistryRef;
            spec.facade.handler = "echo";
            spec.runtime.autoscaling = {
                enabled: true,
                type: "keda",
                minReplicas: 1,
                maxReplicas: 4,
                keda: { triggers: [{ type: "redis", metadata: { address: "redis:6379", listName: "jobs", listLength: "5", password: "hunter2-in-metadata" } }] },
            };
            const path = ["spec", "runtime", "autoscaling", "keda", "triggers", 0, "metadata", "password"];
            const agent = new AgentRuntime("a", { metadata: { namespace: ns }, spec, secretPaths: [path] });
            await valueOf(agent.status);
            await settle();
            const inputs = cluster.registered.find((r) => r.type === "omnia:index:AgentRuntime" && r.name === "a")!.inputs;
            // (the mocks receive the inputs as the engine stores them: a secret nested in spec makes spec secret)
            assert.equal((secretValue(inputs.spec) as any).runtime.autoscaling.keda.triggers[0].metadata.password, "hunter2-in-metadata");
            const scaledObject = cluster.one("kubernetes:keda.sh/v1alpha1:ScaledObject", "a");
            assert.equal((secretValue(scaledObject.inputs.spec) as any).triggers[0].metadata.password, "hunter2-in-metadata");
            assert.equal(JSON.stringify(cluster.registered.map((r) => withoutSecrets(r.inputs))).includes("hunter2-in-metadata"), false, "never stored in plain text");
            assert.equal(JSON.stringify(withoutSecrets(cluster.one("kubernetes:core/v1:Service", "a").inputs)).includes("[secret]"), false, "objects without it stay plain");
            assert.equal(await isSecret(agent.activeVersion), false);
        });
    });
});
