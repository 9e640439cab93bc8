// Issue 6, scenario 5 (policy on preview): `pulumi preview --policy-pack policy-pack` with the real
// engine (the pack started through the nodejs language host's RunPlugin), for a TypeScript program
// and a Python program (provider plugin + generated SDK), and the first scenario for Java (Maven):
// - a demo-style agent fails a production stack (tagged, or named prod) with exactly the expected
//   mandatory violations, and passes a dev stack with the matching `-nonprod` advisories;
// - the production-grade agent (the production example with minReplicas 2) passes a production stack;
// - a --policy-pack-config file changes levels and the output changes accordingly.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { installJavaSdk, kubectl, linkPackage, linkPythonVenv, programsDir, PulumiEnv, repoRoot, E2E_RUNTIME_IMAGE } from "./pulumiEnv";

const NAMESPACE = "omnia-e2e-policy";
const POLICY_PACK = path.join(repoRoot, "policy-pack");
const PACK_LINE = "omnia-agents@v0.1.0";

/** The production rules a demo-style agent breaks (memory session, inline provider, echo handler, track, 1 pod, no resources). */
const DEMO_VIOLATIONS = ["agent-handler-runtime", "agent-prompt-pack-pinned", "agent-provider-ref", "agent-replicas-redundant", "agent-resources-bounded", "agent-session-durable"];

interface Violation {
    level: string;
    severity: string;
    policy: string;
    resource: string;
}

/** The violations the CLI prints under "Policies:": `- [level] [severity: s]  policy  (type: name)`. */
function violations(output: string): Violation[] {
    const found: Violation[] = [];
    for (const line of output.split("\n")) {
        const m = /^\s*- \[(mandatory|advisory|remediate)\] \[severity: (\w+)\]\s+(\S+)\s+\(([^)]+)\)\s*$/.exec(line);
        if (m) found.push({ level: m[1], severity: m[2], policy: m[3], resource: m[4] });
    }
    return found;
}

const ids = (vs: Violation[], level: string) =>
    vs
        .filter((v) => v.level === level)
        .map((v) => v.policy)
        .sort();

interface Program {
    language: string;
    dir: string;
    /** Stack config that selects the demo agent. */
    demo: Record<string, string>;
    /** Only the first scenario (a demo agent blocked in production): a Java preview costs about 20 s. */
    firstScenarioOnly?: boolean;
    prepare(): void;
    cleanup(): void;
}

const programs: Program[] = [
    { language: "ts", dir: path.join(programsDir, "policy-ts"), demo: { variant: "demo" }, prepare() {}, cleanup() {} },
    {
        language: "py",
        dir: path.join(programsDir, "policy-py"),
        demo: { variant: "demo" },
        prepare() {
            linkPythonVenv(this.dir);
        },
        cleanup() {
            fs.rmSync(path.join(this.dir, "venv"), { force: true });
        },
    },
    {
        language: "java",
        dir: path.join(programsDir, "agent-java"),
        demo: { case: "demo" },
        firstScenarioOnly: true,
        prepare: installJavaSdk,
        cleanup() {},
    },
];

describe("e2e: policy pack on pulumi preview (issue 6, scenario 5)", function () {
    let env: PulumiEnv;
    let tmp: string;
    const stacks: [string, string][] = []; // [stack, dir] to remove

    before(function () {
        env = new PulumiEnv();
        tmp = fs.mkdtempSync(path.join(env.dir, "policy-config-"));
        kubectl(["create", "namespace", NAMESPACE]);
        for (const p of programs) p.prepare();
    });

    after(function () {
        for (const [stack, dir] of stacks) {
            env.stackRm(stack, dir);
            fs.rmSync(path.join(dir, `Pulumi.${stack}.yaml`), { force: true });
        }
        for (const p of programs) p.cleanup();
        kubectl(["delete", "namespace", NAMESPACE, "--wait=false"]);
        env?.cleanup();
    });

    function stack(name: string, dir: string, config: Record<string, string>, tags: Record<string, string> = {}): string {
        env.stackInit(name, dir);
        stacks.push([name, dir]);
        for (const [k, v] of Object.entries(config)) env.configSet(name, k, v, dir);
        for (const [k, v] of Object.entries(tags)) env.run(["stack", "tag", "set", "--stack", name, k, v], dir);
        return name;
    }

    function policyPreview(name: string, dir: string, policyConfig?: unknown) {
        const extra = ["--policy-pack", POLICY_PACK];
        if (policyConfig !== undefined) {
            const file = path.join(tmp, `${name}.json`);
            fs.writeFileSync(file, JSON.stringify(policyConfig, null, 2));
            extra.push("--policy-pack-config", file);
        }
        const r = env.run(["preview", "--stack", name, ...extra], dir, { allowFailure: true });
        const output = r.stdout + r.stderr;
        assert.ok(output.includes(PACK_LINE), `the pack ran:\n${output}`);
        return { ...r, output, found: violations(r.stdout) };
    }

    for (const program of programs) {
        const { language } = program;
        const demo = { namespace: NAMESPACE, ...program.demo };

        it(`${language}: demo agent in a stack tagged environment=production fails with exactly the mandatory violations`, function () {
            const name = stack(`${language}-eu-1`, program.dir, demo, { environment: "production" });
            const r = policyPreview(name, program.dir);
            assert.notStrictEqual(r.status, 0, `preview fails:\n${r.output}`);
            assert.deepStrictEqual(ids(r.found, "mandatory"), DEMO_VIOLATIONS, r.output);
            assert.deepStrictEqual(ids(r.found, "advisory"), [], r.output);
            for (const v of r.found) assert.strictEqual(v.resource, "omnia:index:AgentRuntime: demo-agent");
            assert.ok(r.stdout.includes('spec.session.type: "memory" is not durable; use redis or postgres'), r.output);
            assert.ok(r.stdout.includes('spec.facade.handler: "echo" is a test handler; use "runtime"'), r.output);
        });
        if (program.firstScenarioOnly) continue;

        it(`${language}: demo agent in a stack named prod (no tag) fails with the same mandatory violations`, function () {
            const name = stack("prod", program.dir, demo);
            const r = policyPreview(name, program.dir);
            assert.notStrictEqual(r.status, 0, `preview fails:\n${r.output}`);
            assert.deepStrictEqual(ids(r.found, "mandatory"), DEMO_VIOLATIONS, r.output);
            assert.deepStrictEqual(ids(r.found, "advisory"), [], r.output);
        });

        it(`${language}: demo agent in a development stack passes with the -nonprod advisories`, function () {
            const name = stack(`${language}-dev`, program.dir, demo, { environment: "development" });
            const r = policyPreview(name, program.dir);
            assert.strictEqual(r.status, 0, `preview passes:\n${r.output}`);
            assert.deepStrictEqual(ids(r.found, "mandatory"), [], r.output);
            assert.deepStrictEqual(
                ids(r.found, "advisory"),
                DEMO_VIOLATIONS.map((id) => `${id}-nonprod`),
                r.output,
            );
        });

        it(`${language}: the production-grade agent (production example, minReplicas 2) passes a production stack`, function () {
            const name = stack(`${language}-prod-ready`, program.dir, { namespace: NAMESPACE, variant: "production" }, { environment: "production" });
            const r = policyPreview(name, program.dir);
            assert.strictEqual(r.status, 0, `preview passes:\n${r.output}`);
            assert.deepStrictEqual(r.found, [], r.output);
            assert.ok(r.stdout.includes(`✅ ${PACK_LINE}`), r.output);
        });

        it(`${language}: --policy-pack-config disables one mandatory rule and downgrades another`, function () {
            const name = stack(`${language}-eu-2`, program.dir, demo, { environment: "production" });
            const r = policyPreview(name, program.dir, { "agent-session-durable": "disabled", "agent-handler-runtime": { enforcementLevel: "advisory" } });
            assert.notStrictEqual(r.status, 0, `still fails on the other mandatory rules:\n${r.output}`);
            assert.deepStrictEqual(
                ids(r.found, "mandatory"),
                DEMO_VIOLATIONS.filter((id) => id !== "agent-session-durable" && id !== "agent-handler-runtime"),
                r.output,
            );
            assert.deepStrictEqual(ids(r.found, "advisory"), ["agent-handler-runtime"], r.output);
            assert.ok(!r.stdout.includes("agent-session-durable"), r.output);
        });
    }

    describe("the production example as written (examples/typescript, KEDA minReplicas 1)", function () {
        const dir = path.join(repoRoot, "examples", "typescript");

        before(function () {
            linkPackage(dir);
        });

        it("gets exactly agent-replicas-redundant in production, and passes with minimumReplicas 1 in the policy config", function () {
            const name = stack("policy-e2e-example", dir, { namespace: NAMESPACE, "omnia:runtimeImage": E2E_RUNTIME_IMAGE }, { environment: "production" });
            const r = policyPreview(name, dir);
            assert.notStrictEqual(r.status, 0, `preview fails:\n${r.output}`);
            assert.deepStrictEqual(
                r.found.map((v) => `${v.level} ${v.policy} (${v.resource})`),
                ["mandatory agent-replicas-redundant (omnia:index:AgentRuntime: production-agent)"],
                r.output,
            );

            const relaxed = policyPreview(name, dir, { "agent-replicas-redundant": { minimumReplicas: 1 } });
            assert.strictEqual(relaxed.status, 0, `preview passes:\n${relaxed.output}`);
            assert.deepStrictEqual(relaxed.found, [], relaxed.output);
        });
    });
});
