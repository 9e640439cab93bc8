import { strict as assert } from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { main } from "../../../provider/src/cli/main";
import { renderDocuments } from "../../../provider/src/cli/renderDocuments";

const EXAMPLE = path.join(__dirname, "../../../examples/yaml-manifests/production-agent.yaml");
const RUNTIME_IMAGE = ["--runtime-image", "registry.example.com/omnia-runtime:57f0e470"];
const images = { runtime: RUNTIME_IMAGE[1] };
const run = (args: string[]) => {
    let out = "";
    let err = "";
    const code = main(args, { write: (s: string) => ((out += s), true) } as any, { write: (s: string) => ((err += s), true) } as any);
    return { code, out, err };
};

describe("pulumi-omnia render", () => {
    it("renders the production example's companions and agent", () => {
        const { code, out, err } = run(["render", ...RUNTIME_IMAGE, EXAMPLE]);
        assert.equal(code, 0);
        assert.equal(err, "");
        const objects = parseAllDocuments(out).map((d) => d.toJS());
        assert.deepEqual(
            objects.map((o) => `${o.kind}/${o.metadata.name}`),
            [
                "ConfigMap/customer-service-prompts-v2.1.0",
                "ConfigMap/omnia.promptpack.customer-service-prompts",
                "ConfigMap/omnia.provider.claude-production",
                "ConfigMap/omnia.toolregistry.service-tools",
                "ServiceAccount/production-agent",
                "ConfigMap/production-agent-tools",
                "Deployment/production-agent",
                "Service/production-agent",
                "ScaledObject/production-agent",
            ],
        );
        const deployment = objects.find((o) => o.kind === "Deployment");
        assert.equal(deployment.spec.template.spec.volumes[0].configMap.name, "customer-service-prompts-v2.1.0");
        assert.equal(out.includes("*a") || out.includes("&a"), false, "no YAML aliases");
    });

    it("lists every problem of a document with 3 independent mistakes and prints nothing on stdout", () => {
        const text = fs.readFileSync(EXAMPLE, "utf8")
            .replace("port: 8080", "port: 9000")
            .replace("ttl: 24h", "ttl: 1d")
            .replace("minReplicas: 1", "minReplicas: 1\n      targetCPUUtilizationPercentage: 150");
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "omnia-")), "bad.yaml");
        fs.writeFileSync(file, text);
        const { code, out, err } = run(["render", ...RUNTIME_IMAGE, file]);
        assert.equal(code, 1);
        assert.equal(out, "");
        const where = `${file}#3 AgentRuntime "production-agent"`;
        assert.equal(
            err,
            [
                "error: invalid documents:",
                `  ${where}: spec.facade.port: must not be one of the reserved ports 8081, 9000, 9001 (got 9000)`,
                `  ${where}: spec.session.ttl: must be a positive Go duration such as "30m", "24h" or "1h30m" (got "1d")`,
                `  ${where}: spec.runtime.autoscaling.targetCPUUtilizationPercentage: must be an integer between 1 and 100 (got 150)`,
                "",
            ].join("\n"),
        );
    });

    it("names a reference that is not among the documents", () => {
        assert.throws(
            () => renderDocuments([{ name: "a.yaml", text: "apiVersion: omnia.altairalabs.ai/v1alpha1\nkind: AgentRuntime\nmetadata: {name: a, namespace: n}\nspec: {promptPackRef: {name: missing}, facade: {handler: echo}}\n" }]),
            (e: any) => e.issues[0].path === 'a.yaml#0 AgentRuntime "a": spec.promptPackRef.name' && e.issues[0].message === 'PromptPack "n/missing" is not among the documents',
        );
    });

    it("rejects Omnia kinds it does not know and other Omnia apiVersions", () => {
        assert.throws(
            () => renderDocuments([{ name: "a.yaml", text: "apiVersion: omnia.altairalabs.ai/v1beta1\nkind: AgentRuntime\n---\napiVersion: omnia.altairalabs.ai/v1alpha1\nkind: Agent\n" }]),
            (e: any) => e.issues.map((i: any) => i.path).join() === "a.yaml#0.apiVersion,a.yaml#1.kind",
        );
    });

    it("passes other kinds through unchanged, first", () => {
        const configMap = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x", namespace: "n" }, data: { a: "b" } };
        const { objects } = renderDocuments([{ name: "a.yaml", text: JSON.stringify(configMap) }]);
        assert.deepEqual(objects, [configMap]);
    });

    it("warns that a cross-namespace provider Secret must be copied", () => {
        const text = fs
            .readFileSync(EXAMPLE, "utf8")
            .replace("  name: claude-production\n  namespace: agents", "  name: claude-production\n  namespace: shared")
            .replace("  providerRef:\n    name: claude-production\n", "  providerRef:\n    name: claude-production\n    namespace: shared\n");
        const result = renderDocuments([{ name: "x.yaml", text }], { images });
        assert.deepEqual(result.warnings, ['x.yaml#3 AgentRuntime "production-agent": copy Secret shared/llm-credentials to agents/production-agent-llm-credentials (pods read Secrets of their own namespace only; the Pulumi component does this for you)']);
    });

    it("works as the package's bin (npm test builds it first)", () => {
        const bin = path.join(__dirname, "../../../provider/bin/cli/main.js");
        assert.ok(fs.existsSync(bin), `${bin} is missing: run npm run build`);
        const out = execFileSync(process.execPath, [bin, "render", ...RUNTIME_IMAGE, EXAMPLE], { encoding: "utf8" });
        assert.match(out, /kind: Deployment/);
        const bad = spawnSync(process.execPath, [bin, "render"], { encoding: "utf8" });
        assert.equal(bad.status, 2);
        assert.match(bad.stderr, /usage: pulumi-omnia render/);
    });
});
