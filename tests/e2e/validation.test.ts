// Issue 6, scenario 4 (bad input): a spec with several mistakes fails `pulumi preview` (and
// `pulumi up`) in every language with every field path in the output, and nothing is created;
// a PromptPack reference that resolves nowhere fails with a message naming it, again creating nothing.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { installJavaSdk, kubectl, linkPythonVenv, programsDir, PulumiEnv } from "./pulumiEnv";

const NAMESPACE = "omnia-e2e-bad-input";
const LANGUAGES = ["ts", "py", "go", "yaml", "java"] as const;

/** The three mistakes of programs/bad-<lang>: field path, value as the engine prints it, reason. */
const PROBLEMS = [
    ["spec.facade.port", "9000", "must not be one of the reserved ports 8081, 9000, 9001 (got 9000)"],
    ["spec.session.ttl", "1d", 'must be a positive Go duration such as "30m", "24h" or "1h30m" (got "1d")'],
    ["spec.runtime.autoscaling.minReplicas", "0", '0 is only allowed with type "keda" (got type "hpa")'],
] as const;

/** Lines that name every problem: TypeScript throws the SpecValidationError itself; the plugin returns an InputPropertiesError. */
function expectedLines(language: (typeof LANGUAGES)[number]): string[] {
    if (language === "ts") {
        return ['SpecValidationError: invalid AgentRuntime "bad-agent":', ...PROBLEMS.map(([p, , reason]) => `${p}: ${reason}`)];
    }
    return [
        `error: omnia:index:AgentRuntime resource 'bad-agent' has a problem: invalid AgentRuntime "bad-agent": 3 problems`,
        ...PROBLEMS.map(([p, value, reason]) => `- property ${p} with value '{${value}}' has a problem: ${reason}`),
    ];
}

function plainText(s: string): string {
    return s.replace(/\x1b\[[0-9;]*m/g, ""); // node's colored inspect output
}

function assertLines(output: string, lines: string[], what: string): void {
    const got = plainText(output)
        .split("\n")
        .map((l) => l.trim());
    for (const line of lines) {
        assert.ok(got.includes(line), `${what}: expected the line\n  ${line}\nin\n${output}`);
    }
}

/** Objects this package labels in the namespace (it must stay empty). */
function managedObjects(): string[] {
    const kinds = "deployments,services,serviceaccounts,configmaps,secrets,horizontalpodautoscalers,poddisruptionbudgets,scaledobjects.keda.sh,networkpolicies";
    return kubectl(["get", kinds, "-n", NAMESPACE, "-l", "app.kubernetes.io/managed-by=pulumi-omnia", "-o", "name"]).split("\n").filter(Boolean);
}

/** Types of the resources in the stack's state, apart from the stack itself, providers and reads of existing objects. */
function stateTypes(env: PulumiEnv, stack: string, dir: string): string[] {
    const state = JSON.parse(env.run(["stack", "export", "--stack", stack], dir).stdout);
    return (state.deployment.resources ?? [])
        .filter((r: { external?: boolean }) => !r.external)
        .map((r: { type: string }) => r.type)
        .filter((t: string) => t !== "pulumi:pulumi:Stack" && !t.startsWith("pulumi:providers:"));
}

/** The program of each language: bad-<lang>, or the Java program's case "bad". */
function badProgram(language: (typeof LANGUAGES)[number]): { dir: string; config: Record<string, string> } {
    if (language === "java") return { dir: path.join(programsDir, "agent-java"), config: { case: "bad" } };
    return { dir: path.join(programsDir, `bad-${language}`), config: {} };
}

function prepare(language: (typeof LANGUAGES)[number], dir: string): void {
    if (language === "py") linkPythonVenv(dir);
    if (language === "java") installJavaSdk();
}

function cleanupStack(env: PulumiEnv, stack: string, dir: string, language: string): void {
    env.stackRm(stack, dir);
    fs.rmSync(path.join(dir, `Pulumi.${stack}.yaml`), { force: true });
    if (language === "py") fs.rmSync(path.join(dir, "venv"), { force: true });
}

describe("e2e: bad input fails in every language and creates nothing (issue 6, scenario 4)", function () {
    let env: PulumiEnv;

    before(function () {
        env = new PulumiEnv();
        kubectl(["create", "namespace", NAMESPACE]);
    });

    after(function () {
        kubectl(["delete", "namespace", NAMESPACE, "--wait=false"]);
        env?.cleanup();
    });

    for (const language of LANGUAGES) {
        it(`${language}: preview and up fail listing every field path; nothing is created`, function () {
            const { dir, config } = badProgram(language);
            const stack = `bad-${language}`;
            prepare(language, dir);
            try {
                env.stackInit(stack, dir);
                env.configSet(stack, "namespace", NAMESPACE, dir);
                for (const [k, v] of Object.entries(config)) env.configSet(stack, k, v, dir);

                const preview = env.run(["preview", "--stack", stack], dir, { allowFailure: true });
                assert.notStrictEqual(preview.status, 0, "preview fails");
                assertLines(preview.stdout + preview.stderr, expectedLines(language), `${language} preview`);

                const up = env.run(["up", "--stack", stack, "--yes", "--skip-preview"], dir, { allowFailure: true });
                assert.notStrictEqual(up.status, 0, "up fails");
                assertLines(up.stdout + up.stderr, expectedLines(language), `${language} up`);

                assert.deepStrictEqual(managedObjects(), [], "no object of this package in the namespace");
                assert.deepStrictEqual(stateTypes(env, stack, dir), [], "no resource in the state besides the stack (and providers)");
            } finally {
                cleanupStack(env, stack, dir, language);
            }
        });
    }

    // TypeScript (direct) and YAML (through the plugin): a reference by name to a PromptPack that is
    // neither declared in the program nor published in the cluster.
    for (const [language, program, extraConfig] of [
        ["ts", "bad-ts", [["case", "missing-pack"]]],
        ["yaml", "bad-yaml-missing-pack", []],
    ] as const) {
        it(`${language}: a PromptPack reference that resolves nowhere fails naming it; nothing is created`, function () {
            const dir = path.join(programsDir, program);
            const stack = `missing-pack-${language}`;
            try {
                env.stackInit(stack, dir);
                env.configSet(stack, "namespace", NAMESPACE, dir);
                for (const [k, v] of extraConfig) env.configSet(stack, k, v, dir);
                // The component reads the descriptor ConfigMap <ns>/omnia.promptpack.<name>; the engine
                // reports the failed read on the resource <agent>-promptpackref.
                const expected = [`kubernetes:core/v1:ConfigMap (bad-agent-promptpackref):`];
                const preview = env.run(["preview", "--stack", stack], dir, { allowFailure: true });
                assert.notStrictEqual(preview.status, 0, "preview fails");
                assertLines(preview.stdout, [...expected, `error: Preview failed: resource '${NAMESPACE}/omnia.promptpack.no-such-prompts' does not exist`], `${language} preview`);

                const up = env.run(["up", "--stack", stack, "--yes", "--skip-preview"], dir, { allowFailure: true });
                assert.notStrictEqual(up.status, 0, "up fails");
                assertLines(up.stdout, [...expected, `error: resource '${NAMESPACE}/omnia.promptpack.no-such-prompts' does not exist`], `${language} up`);

                assert.deepStrictEqual(managedObjects(), [], "no object of this package in the namespace (not even the ServiceAccount or Service)");
                assert.deepStrictEqual(stateTypes(env, stack, dir), ["omnia:index:AgentRuntime"], "only the component itself is in the state");
            } finally {
                cleanupStack(env, stack, dir, language);
            }
        });

        // Issue 12: a descriptor that exists but does not parse is found only after the read; every
        // child waits on the validated references, so still nothing is created.
        it(`${language}: a PromptPack descriptor in the cluster that does not parse fails naming the field; nothing is created`, function () {
            const dir = path.join(programsDir, program);
            const stack = `broken-pack-${language}`;
            kubectl(["create", "configmap", "omnia.promptpack.broken", "-n", NAMESPACE, "--from-literal=descriptor.json={not json"]);
            try {
                env.stackInit(stack, dir);
                env.configSet(stack, "namespace", NAMESPACE, dir);
                env.configSet(stack, "pack", "broken", dir);
                for (const [k, v] of extraConfig) env.configSet(stack, k, v, dir);
                // TypeScript throws the SpecValidationError itself; the plugin returns it as an input property error.
                const problem = `PromptPack "${NAMESPACE}/broken" cannot be resolved: ConfigMap ${NAMESPACE}/omnia.promptpack.broken does not describe a PromptPack (missing or invalid key descriptor.json)`;
                const reason = language === "ts" ? `spec.promptPackRef.name: ${problem}` : `- property spec.promptPackRef.name with value '{broken}' has a problem: ${problem}`;
                for (const args of [["preview"], ["up", "--yes", "--skip-preview"]]) {
                    const run = env.run([...args, "--stack", stack], dir, { allowFailure: true });
                    assert.notStrictEqual(run.status, 0, `${args[0]} fails`);
                    assert.ok(plainText(run.stdout + run.stderr).includes(reason), `${language} ${args[0]}: expected\n  ${reason}\nin\n${run.stdout}${run.stderr}`);
                }
                assert.deepStrictEqual(managedObjects(), [], "no object of this package in the namespace (not even the ServiceAccount or Service)");
                assert.deepStrictEqual(stateTypes(env, stack, dir), ["omnia:index:AgentRuntime"], "only the component itself is in the state");
            } finally {
                kubectl(["delete", "configmap", "omnia.promptpack.broken", "-n", NAMESPACE]);
                cleanupStack(env, stack, dir, language);
            }
        });
    }
});
