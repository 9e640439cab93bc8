import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { cluster, install, isSecret, secretValue, settle, valueOf } from "./mocks";
import { LlmProvider, PromptPack, ToolRegistry, SpecValidationError } from "../../../provider/src";
import { packContent } from "../fixtures";

describe("companion components (mocked engine)", () => {
    before(() => install(false));
    beforeEach(() => cluster.reset());

    it("PromptPack: one immutable ConfigMap per content version and a descriptor", async () => {
        const pack = new PromptPack("prompts", {
            metadata: { namespace: "agents" },
            spec: {
                versions: [
                    { version: "1.0.0", content: packContent("1.0.0") },
                    { version: "1.1.0", configMapRef: { name: "existing" } },
                    { version: "2.0.0-rc.1", content: packContent("2.0.0-rc.1") },
                ],
            },
        });
        assert.deepEqual(await valueOf(pack.tracks), { stable: "1.1.0" });
        await settle();
        const maps = cluster.of("kubernetes:core/v1:ConfigMap");
        assert.deepEqual(maps.map((m) => m.inputs.metadata.name).sort(), ["omnia.promptpack.prompts", "prompts-v1.0.0", "prompts-v2.0.0-rc.1"]);
        const v1 = maps.find((m) => m.inputs.metadata.name === "prompts-v1.0.0")!;
        assert.equal(v1.inputs.immutable, true);
        assert.deepEqual(JSON.parse(v1.inputs.data["pack.json"]), packContent("1.0.0"));
        const descriptor = JSON.parse(maps.find((m) => m.inputs.metadata.name === "omnia.promptpack.prompts")!.inputs.data["descriptor.json"]);
        assert.deepEqual(descriptor.versions["1.1.0"], { configMapName: "existing" });
        assert.equal(maps.find((m) => m.inputs.metadata.name === "omnia.promptpack.prompts")!.inputs.metadata.labels["omnia.altairalabs.ai/kind"], "PromptPack");
        const parents = await Promise.all(pack.configMaps.map((c) => valueOf(c.urn)));
        for (const urn of parents) assert.match(urn!, /omnia:index:PromptPack\$kubernetes:core\/v1:ConfigMap/);
    });

    it("LlmProvider: creates its Secret from a secret API key and never publishes it", async () => {
        const provider = new LlmProvider("claude", {
            metadata: { namespace: "shared" },
            spec: { type: "claude", secretRef: { name: "llm-credentials" } },
            apiKey: pulumi.secret("sk-ant-secret"),
        });
        assert.equal(await isSecret(provider.secret!.stringData), true);
        // The API server's resourceVersion of the Secret: it changes with the key, and says nothing about it.
        assert.equal(await valueOf(provider.credentialsVersion), (await valueOf(provider.secret!.metadata))!.resourceVersion);
        assert.match((await valueOf(provider.credentialsVersion))!, /^[0-9]+$/);
        assert.equal(await isSecret(provider.credentialsVersion), false);
        await settle();
        const secret = cluster.one("kubernetes:core/v1:Secret");
        assert.deepEqual(secretValue(secret.inputs.stringData), { ANTHROPIC_API_KEY: "sk-ant-secret" });
        assert.equal(secret.inputs.metadata.name, "llm-credentials");
        const descriptor = cluster.one("kubernetes:core/v1:ConfigMap");
        assert.equal(JSON.stringify(descriptor.inputs).includes("sk-ant-secret"), false);
    });

    it("LlmProvider: type auto needs secretRef.key to store an API key", () => {
        assert.throws(
            () => new LlmProvider("auto", { spec: { type: "auto", secretRef: { name: "k" } }, apiKey: pulumi.secret("x") }),
            (e: any) => e instanceof SpecValidationError && e.issues[0].path === "spec.secretRef.key",
        );
    });

    it("ToolRegistry: publishes its handlers", async () => {
        const tools = new ToolRegistry("tools", {
            metadata: { namespace: "agents" },
            spec: { handlers: [{ name: "search", type: "mcp", mcpConfig: { transport: "sse", endpoint: "http://mcp.tools:8080/sse" } }] },
        });
        assert.deepEqual(await valueOf(tools.handlers), ["search"]);
        await settle();
        assert.equal(cluster.one("kubernetes:core/v1:ConfigMap").inputs.metadata.name, "omnia.toolregistry.tools");
    });

    it("validates before registering", () => {
        assert.throws(() => new PromptPack("p", { spec: { versions: [] } }), /spec\.versions: must list at least one version/);
        assert.equal(cluster.registered.length, 0);
    });
});
