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
                "NetworkPolicy/production-agent",
                "Deployment/production-agent",
                "Service/production-agent",
                "ScaledObject/production-agent",
                "PodDisruptionBudget/production-agent",
            ],
        );
        const deployment = objects.find((o) => o.kind === "Deployment");
        assert.equal(deployment.spec.template.spec.volumes[0].configMap.name, "customer-service-prompts-v2.1.0");
        assert.equal(out.includes("*a") || out.includes("&a"), false, "no YAML aliases");
    });

    it("lists every problem of a document with 3 independent mistakes and prints nothing on stdout", () => {
        const text = fs
            .readFileSync(EXAMPLE, "utf8")
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
            () =>
                renderDocuments([
                    {
                        name: "a.yaml",
                        text: "apiVersion: omnia.altairalabs.ai/v1alpha1\nkind: AgentRuntime\nmetadata: {name: a, namespace: n}\nspec: {promptPackRef: {name: missing}, facade: {handler: echo}}\n",
                    },
                ]),
            (e: any) => e.issues[0].path === 'a.yaml#0 AgentRuntime "a": spec.promptPackRef.name' && e.issues[0].message === 'PromptPack "n/missing" is not among the documents',
        );
    });

    it("rejects Omnia kinds it does not know and other Omnia apiVersions", () => {
        assert.throws(
            () =>
                renderDocuments([
                    { name: "a.yaml", text: "apiVersion: omnia.altairalabs.ai/v1beta1\nkind: AgentRuntime\n---\napiVersion: omnia.altairalabs.ai/v1alpha1\nkind: Agent\n" },
                ]),
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
        assert.deepEqual(result.warnings, [
            'x.yaml#3 AgentRuntime "production-agent": copy Secret shared/llm-credentials to agents/production-agent-llm-credentials (pods read Secrets of their own namespace only; the Pulumi component does this for you)',
        ]);
    });

    it("works as the package's bin (npm test builds it first)", () => {
        const bin = path.join(__dirname, "../../../provider/bin/cli/main.js");
        assert.ok(fs.existsSync(bin), `${bin} is missing: run npm run build`);
        const out = execFileSync(process.execPath, [bin, "render", ...RUNTIME_IMAGE, EXAMPLE], { encoding: "utf8" });
        assert.match(out, /kind: Deployment/);
        const bad = spawnSync(process.execPath, [bin, "render"], { encoding: "utf8" });
        assert.equal(bad.status, 2);
        assert.match(bad.stderr, /usage: pulumi-omnia render/);
        const piped = execFileSync(process.execPath, [bin, "render", ...RUNTIME_IMAGE, "-"], { encoding: "utf8", input: fs.readFileSync(EXAMPLE) });
        assert.equal(piped, out, "render - reads the same documents from standard input");
    });

    it("--help (also after render) prints the usage on stdout and exits 0; --version prints the package version", () => {
        const version = JSON.parse(fs.readFileSync(path.join(__dirname, "../../../package.json"), "utf8")).version;
        for (const args of [["--help"], ["-h"], ["render", "--help"], ["render", "-h", EXAMPLE]]) {
            const r = run(args);
            assert.equal(r.code, 0, args.join(" "));
            assert.match(r.out, /^usage: pulumi-omnia render \[--runtime-image IMAGE\]/);
            assert.match(r.out, /-v, --version/);
            assert.equal(r.err, "");
        }
        for (const args of [["--version"], ["-v"]]) assert.deepEqual(run(args), { code: 0, out: `${version}\n`, err: "" });
        assert.deepEqual(run([]).code, 2);
        assert.match(run([]).err, /^usage: /);
    });

    describe("hostile input (issue 12)", () => {
        const issuesOf = (text: string, name = "h.yaml") => {
            try {
                renderDocuments([{ name, text }], { images });
            } catch (e: any) {
                return e.issues.map((i: any) => `${i.path}: ${i.message}`);
            }
            return [];
        };
        const VALID_PACK =
            "apiVersion: omnia.altairalabs.ai/v1alpha1\nkind: PromptPack\nmetadata: {name: p}\nspec: {source: {type: configmap, configMapRef: {name: c}}, version: 1.0.0}\n";

        for (const kind of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
            it(`kind ${kind} is passed through as another kind, and the other documents' errors are still reported`, () => {
                const text = `apiVersion: v1\nkind: ${kind}\nmetadata: {name: x}\n---\napiVersion: omnia.altairalabs.ai/v1alpha1\nkind: PromptPack\nmetadata: {name: p}\nspec: {}\n`;
                assert.deepEqual(issuesOf(text), [
                    'h.yaml#1 PromptPack "p": spec.source: is required (or versions, the multi-version extension)',
                    'h.yaml#1 PromptPack "p": spec.version: is required with source',
                ]);
            });
        }

        it("an Omnia apiVersion with kind constructor is refused by name", () => {
            assert.deepEqual(issuesOf("apiVersion: omnia.altairalabs.ai/v1alpha1\nkind: constructor\nmetadata: {name: x}\n"), [
                'h.yaml#0.kind: must be one of AgentRuntime, PromptPack, Provider, ToolRegistry (got "constructor")',
            ]);
        });

        it("kind that is not a string is an error, not a dropped document", () => {
            assert.deepEqual(issuesOf("apiVersion: omnia.altairalabs.ai/v1alpha1\nkind: [AgentRuntime]\nmetadata: {name: x}\n"), [
                'h.yaml#0.kind: must be a string (got ["AgentRuntime"])',
            ]);
            assert.deepEqual(issuesOf("- a\n- b\n"), ["h.yaml#0: must be a Kubernetes object (a mapping with apiVersion, kind and metadata)"]);
        });

        it("an alias bomb stops with the document's location", () => {
            const bomb = [
                "a: &a [x, x, x, x, x, x, x, x, x, x]",
                ...Array.from(
                    { length: 8 },
                    (_, i) =>
                        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
                            .fill(`*${String.fromCharCode(97 + i)}`)
                            .join(", ")}]`,
                ),
            ].join("\n");
            const issues = issuesOf(`${VALID_PACK}---\n${bomb}\n`);
            assert.equal(issues.length, 1);
            assert.match(issues[0], /^h\.yaml#1: invalid YAML: .*alias/i);
        });

        it("a duplicate key is an error with its document and line", () => {
            assert.deepEqual(issuesOf(`${VALID_PACK}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nkind: Secret\n`), [
                'h.yaml#1: invalid YAML: line 9: duplicate key "kind"',
            ]);
        });

        it("a __proto__ key in labels is reported, not dropped", () => {
            const text = VALID_PACK.replace("metadata: {name: p}", "metadata: {name: p, labels: {__proto__: x, team: a}}");
            assert.deepEqual(issuesOf(text), ['h.yaml#0 PromptPack "p": metadata.labels.__proto__: is not allowed as a key (JavaScript objects drop "__proto__")']);
        });

        it("the same document twice, or two objects with one name, are an error naming both places", () => {
            assert.deepEqual(issuesOf(`${VALID_PACK}---\n${VALID_PACK}`), [
                'h.yaml#1 PromptPack "p": duplicates h.yaml#0 PromptPack "p" (same kind, namespace and name: one would silently replace the other)',
            ]);
            const configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n";
            assert.deepEqual(issuesOf(`${configMap}---\n${configMap}`), [
                'h.yaml#1 ConfigMap "c": duplicates h.yaml#0 ConfigMap "c" (same kind, namespace and name: one would silently replace the other)',
            ]);
        });

        it("an input object named like a rendered one is an error (unless it is an earlier render of ours)", () => {
            const clash = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: omnia.promptpack.p, namespace: default}\n";
            assert.deepEqual(issuesOf(`${VALID_PACK}---\n${clash}`), [
                'ConfigMap "default/omnia.promptpack.p": is both given as input and rendered from an Omnia object (one would replace the other): rename the input object',
            ]);
            const ours = clash.replace("namespace: default}", "namespace: default, labels: {app.kubernetes.io/managed-by: pulumi-omnia}}");
            const { objects } = renderDocuments([{ name: "h.yaml", text: `${VALID_PACK}---\n${ours}` }]);
            assert.equal(objects.filter((o) => o.metadata.name === "omnia.promptpack.p").length, 1);
        });

        it("a 50 MB pack is refused by the ConfigMap limit, naming the field", () => {
            const content = {
                id: "p",
                name: "p",
                version: "1.0.0",
                template_engine: { version: "v1", syntax: "{{variable}}" },
                prompts: { default: { id: "default", name: "d", version: "1.0.0", system_template: "x".repeat(2 * 1024 * 1024) } },
            };
            const text = JSON.stringify({
                apiVersion: "omnia.altairalabs.ai/v1alpha1",
                kind: "PromptPack",
                metadata: { name: "p" },
                spec: { versions: [{ version: "1.0.0", content }] },
            });
            const issues = issuesOf(text);
            assert.equal(issues.length, 1, issues.join("\n"));
            assert.match(
                issues[0],
                /^h\.yaml#0 PromptPack "p": spec\.versions\[0\]\.content: would be stored in ConfigMap "p-v1\.0\.0" of [0-9]+ bytes; the API server refuses ConfigMaps over 1048576 bytes \(1 MiB\)$/,
            );
        });

        it("parses a mapping of 40,000 keys in linear time, and refuses a file over 16 MiB", () => {
            const big = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n${Array.from({ length: 40000 }, (_, i) => `  k${i}: v`).join("\n")}\n`;
            const started = Date.now();
            assert.equal(renderDocuments([{ name: "big.yaml", text: big }]).objects.length, 1);
            assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
            const huge = "#".repeat(16 * 1024 * 1024 + 1);
            assert.deepEqual(issuesOf(huge, "huge.yaml"), [
                "huge.yaml: is 16777217 bytes, over the limit of 16777216 (16 MiB): no valid set of documents is that large (a ConfigMap holds at most 1 MiB)",
            ]);
        });

        it("escapes terminal control characters in messages", () => {
            const { code, err } = run(["render", writeTemp('apiVersion: omnia.altairalabs.ai/v1alpha1\nkind: PromptPack\nmetadata: {name: "\\e[31mred\\u202e"}\nspec: {}\n')]);
            assert.equal(code, 1);
            assert.equal(/[\u001b\u202e]/.test(err), false, err);
            assert.match(err, /\\u001b\[31mred\\u202e/);
        });

        it("a directory, a missing file and an unknown option exit 2 with one line, no stack trace", () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "omnia-"));
            assert.deepEqual(run(["render", dir]), { code: 2, out: "", err: `error: ${dir} is a directory\n` });
            assert.deepEqual(run(["render", path.join(dir, "nope.yaml")]), { code: 2, out: "", err: `error: ${path.join(dir, "nope.yaml")} does not exist\n` });
            assert.equal(run(["render", "--bogus", EXAMPLE]).code, 2);
        });

        it("exits 0 without a stack trace when the reader stops early (render x | head -1)", () => {
            const bin = path.join(__dirname, "../../../provider/bin/cli/main.js");
            // About 2 MB of output: far more than a pipe holds, so writes fail once head has exited.
            const many = Array.from({ length: 4000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\ndata: {k: ${"v".repeat(400)}}\n`).join("---\n");
            const result = spawnSync("sh", ["-c", `"${process.execPath}" "${bin}" render "${writeTemp(many)}" | head -1`], { encoding: "utf8" });
            assert.equal(result.status, 0);
            assert.equal(result.stderr, "");
            assert.equal(result.stdout.split("\n").filter(Boolean).length, 1);
        });
    });
});

function writeTemp(text: string): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "omnia-")), "input.yaml");
    fs.writeFileSync(file, text);
    return file;
}
