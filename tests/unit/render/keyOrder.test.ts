import { strict as assert } from "assert";
import { contentHash, promptPackDescriptor, promptPackVersionConfigMapName, renderAgentRuntime, renderPromptPackConfigMaps, renderToolsYaml } from "../../../provider/src/render";
import { validateDocument } from "../../../provider/src/spec";
import { agent, packContent, productionRefs, productionSpec, weatherHandler } from "../fixtures";

// The plugin protocol delivers maps with sorted keys; TypeScript keeps the author's order.
// Every language must render the same bytes.
describe("key order of free-form maps", () => {
    const content = packContent("1.0.0");
    const reordered = Object.fromEntries(Object.entries(packContent("1.0.0")).reverse());
    const pack = (c: object) => validateDocument("PromptPack", "p", { metadata: { namespace: "agents" }, spec: { versions: [{ version: "1.0.0", content: c }] } });

    it("does not change pack.json, the content hash or the descriptor", () => {
        const a = pack(content);
        const b = pack(reordered);
        assert.deepEqual(renderPromptPackConfigMaps(a.metadata, a.spec), renderPromptPackConfigMaps(b.metadata, b.spec));
        assert.equal(contentHash(content), contentHash(reordered));
        assert.deepEqual(promptPackDescriptor(a.metadata, a.spec), promptPackDescriptor(b.metadata, b.spec));
    });

    it("does not change tools.yaml", () => {
        const handler = (inputSchema: Record<string, unknown>) => ({ ...weatherHandler(), tool: { name: "w", description: "d", inputSchema } });
        assert.equal(renderToolsYaml([handler({ type: "object", required: ["city"] })]), renderToolsYaml([handler({ required: ["city"], type: "object" })]));
    });

    it("does not change KEDA trigger metadata", () => {
        const spec = (metadata: Record<string, string>) => {
            const s: any = productionSpec();
            s.runtime.autoscaling.keda.triggers = [{ type: "prometheus", metadata }];
            const doc = agent(s);
            return renderAgentRuntime(doc.metadata, doc.spec, productionRefs());
        };
        const m = { threshold: "10", serverAddress: "http://p.svc:9090", query: "q" };
        assert.equal(JSON.stringify(spec(m).scaledObject), JSON.stringify(spec({ query: "q", serverAddress: "http://p.svc:9090", threshold: "10" }).scaledObject));
    });
});

describe("PromptPack version ConfigMap names", () => {
    it("are unique for versions that differ only in case or build metadata", () => {
        const names = ["1.0.0-rc.1", "1.0.0-RC.1", "1.0.0+rc.1", "v1.0.0-rc.1"].map((v) => promptPackVersionConfigMapName("pack", v));
        assert.equal(new Set(names).size, 4, names.join(", "));
        assert.equal(names[0], "pack-v1.0.0-rc.1", "a version that is a valid name part stays readable");
        for (const n of names) assert.match(n, /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
    });
});
