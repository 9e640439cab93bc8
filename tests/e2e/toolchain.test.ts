// End-to-end smoke tests of the project's toolchain: the pinned Pulumi CLI and kubernetes
// provider against the loopback cluster (started by clusterFixture.ts), with a TypeScript, a
// Python and a YAML program, each a Namespace and a Deployment of 2 replicas made Ready by kwok.
//
// TypeScript and Python run through the CLI with their language hosts when the toolchain has
// them (the real hosts, or the project's shim from toolchain/shims when the real ones cannot be
// fetched); otherwise, or with OMNIA_E2E_INLINE=1, as Automation API inline programs (the CLI
// drives the program over its --client language runtime, so no language host binary is needed).
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

import { LocalWorkspace, PulumiCommand } from "@pulumi/pulumi/automation";

import { ensureToolchain, hasTool, kubectl, PulumiEnv, programsDir, toolchainRoot, versions } from "./pulumiEnv";

const timings: Record<string, number> = {};

const forceInline = process.env.OMNIA_E2E_INLINE === "1";

/** Whether to run a program through the CLI with its language host (else inline). */
function viaCli(host: string, label: string): boolean {
    const cli = !forceInline && hasTool(host);
    console.log(`      [e2e] ${label}: ${cli ? `pulumi CLI + ${host}` : "Automation API inline program"}`);
    return cli;
}

function stackName(prefix: string): string {
    return `${prefix}-${process.pid}-${Date.now().toString(36)}`;
}

function assertReady(outputs: Record<string, unknown>, label: string): void {
    assert.strictEqual(outputs.readyReplicas, 2, `${label}: readyReplicas ${JSON.stringify(outputs)}`);
    assert.ok(typeof outputs.namespace === "string" && outputs.namespace.length > 0, `${label}: namespace`);
}

/** After destroy, the namespace must be gone (or terminating). */
function assertNamespaceGone(ns: string): void {
    const out = kubectl(["get", "namespace", ns, "--ignore-not-found", "-o", "jsonpath={.status.phase}"]).trim();
    assert.ok(out === "" || out === "Terminating", `namespace ${ns} still ${out}`);
}

/** Plugins come from the toolchain bin on PATH only: nothing may land in PULUMI_HOME/plugins. */
function assertNoDownloadedPlugins(): void {
    const dir = path.join(env.home, "plugins");
    const found = fs.existsSync(dir) ? fs.readdirSync(dir).filter((d) => !d.startsWith(".")) : [];
    assert.deepStrictEqual(found, [], `plugins in ${dir}`);
}

let env: PulumiEnv;

describe("e2e: toolchain smoke (pulumi up/destroy against the local cluster)", function () {
    before(function () {
        env = new PulumiEnv();
    });

    after(function () {
        env?.cleanup();
        console.log(`      [e2e] timings (s): ${JSON.stringify(timings)}`);
    });

    it("uses the pinned pulumi CLI and kubernetes provider from the toolchain", function () {
        const v = versions();
        const out = env.run(["version"], env.dir).stdout.trim();
        assert.strictEqual(out, v.PULUMI_VERSION);
        const bin = ensureToolchain();
        for (const tool of ["pulumi-resource-kubernetes", "pulumi-language-yaml", "kube-apiserver", "etcd", "kwok"]) {
            assert.ok(fs.existsSync(path.join(bin, tool)), `${tool} in ${bin}`);
        }
        // The cluster reports the pinned Kubernetes version (the provider refuses < 1.13).
        const server = JSON.parse(kubectl(["version", "-o", "json"])).serverVersion.gitVersion;
        assert.strictEqual(server, v.KUBERNETES_VERSION);
    });

    it("TypeScript program: up, 2 ready replicas, destroy", async function () {
        const t0 = Date.now();
        const dir = path.join(programsDir, "ts-smoke");
        const stack = stackName("ts");
        let outputs: Record<string, unknown>;
        if (viaCli("pulumi-language-nodejs", "ts-smoke")) {
            // Runs in place so that node resolves @pulumi/* from the repo's node_modules.
            try {
                env.stackInit(stack, dir);
                env.configSet(stack, "kubeconfig", env.kubeconfig, dir);
                env.up(stack, dir);
                outputs = env.stackOutputs(stack, dir);
                assertReady(outputs, "ts-smoke");
                env.destroy(stack, dir);
            } finally {
                env.stackRm(stack, dir);
                fs.rmSync(path.join(dir, `Pulumi.${stack}.yaml`), { force: true });
            }
        } else {
            // eslint-disable-next-line @typescript-eslint/no-var-requires
            const { smoke } = require("./programs/ts-smoke/program") as typeof import("./programs/ts-smoke/program");
            const workDir = fs.mkdtempSync(path.join(env.dir, "ts-"));
            const pulumiCommand = await PulumiCommand.get({ root: toolchainRoot(), skipVersionCheck: true });
            const s = await LocalWorkspace.createOrSelectStack(
                { stackName: stack, projectName: "ts-smoke", program: async () => smoke() },
                {
                    workDir,
                    pulumiHome: env.home,
                    pulumiCommand,
                    envVars: env.env,
                    projectSettings: {
                        name: "ts-smoke",
                        runtime: "nodejs",
                        backend: { url: env.env.PULUMI_BACKEND_URL },
                    },
                },
            );
            let output = ""; // shown only when something fails
            const onOutput = (o: string) => {
                output += o;
            };
            try {
                await s.setConfig("kubeconfig", { value: env.kubeconfig });
                const res = await s.up({ onOutput });
                outputs = Object.fromEntries(Object.entries(res.outputs).map(([k, v]) => [k, v.value]));
                assertReady(outputs, "ts-smoke");
                await s.destroy({ onOutput });
            } catch (e) {
                process.stderr.write(output);
                throw e;
            } finally {
                await s.workspace.removeStack(stack, { force: true }).catch(() => undefined);
            }
        }
        assertNamespaceGone(outputs.namespace as string);
        assertNoDownloadedPlugins();
        timings.typescript = (Date.now() - t0) / 1000;
    });

    it("Python program: up, 2 ready replicas, destroy", function () {
        const t0 = Date.now();
        const venv = path.join(toolchainRoot(), "venv");
        const python = path.join(venv, "bin", "python");
        assert.ok(fs.existsSync(python), `toolchain venv ${venv}`);
        const dir = path.join(env.dir, "py-smoke");
        fs.cpSync(path.join(programsDir, "py-smoke"), dir, { recursive: true });
        const stack = stackName("py");
        let outputs: Record<string, unknown>;
        if (viaCli("pulumi-language-python", "py-smoke")) {
            const yamlPath = path.join(dir, "Pulumi.yaml");
            fs.writeFileSync(
                yamlPath,
                fs.readFileSync(yamlPath, "utf8").replace(/virtualenv: .*/, `virtualenv: ${JSON.stringify(venv)}`),
            );
            try {
                env.stackInit(stack, dir);
                env.configSet(stack, "kubeconfig", env.kubeconfig, dir);
                env.up(stack, dir);
                outputs = env.stackOutputs(stack, dir);
                assertReady(outputs, "py-smoke");
                env.destroy(stack, dir);
            } finally {
                env.stackRm(stack, dir);
            }
        } else {
            const workDir = fs.mkdtempSync(path.join(env.dir, "py-"));
            const r = spawnSync(python, [path.join(dir, "inline.py")], {
                cwd: dir,
                env: {
                    ...env.env,
                    OMNIA_STACK: stack,
                    OMNIA_PULUMI_ROOT: toolchainRoot(),
                    OMNIA_KUBECONFIG: env.kubeconfig,
                    OMNIA_WORK_DIR: workDir,
                },
                encoding: "utf8",
                maxBuffer: 256 * 1024 * 1024,
                timeout: 20 * 60 * 1000,
            });
            if (r.status !== 0) {
                throw new Error(`py-smoke inline exited ${r.status}\n${r.stdout}\n${r.stderr}`);
            }
            const lines = r.stdout.trim().split("\n");
            const i = lines.indexOf("OMNIA-OUTPUTS");
            assert.ok(i >= 0, `no outputs in ${r.stdout}\n${r.stderr}`);
            outputs = JSON.parse(lines[i + 1]);
            assertReady(outputs, "py-smoke");
        }
        assertNamespaceGone(outputs.namespace as string);
        assertNoDownloadedPlugins();
        timings.python = (Date.now() - t0) / 1000;
    });

    it("YAML program: up, 2 ready replicas, destroy", function () {
        const t0 = Date.now();
        const dir = path.join(env.dir, "yaml-smoke");
        fs.cpSync(path.join(programsDir, "yaml-smoke"), dir, { recursive: true });
        const stack = stackName("yaml");
        try {
            env.stackInit(stack, dir);
            env.configSet(stack, "kubeconfig", env.kubeconfig, dir);
            env.up(stack, dir);
            const outputs = env.stackOutputs(stack, dir);
            assertReady(outputs, "yaml-smoke");
            env.destroy(stack, dir);
            assertNamespaceGone(outputs.namespace as string);
            assertNoDownloadedPlugins();
        } finally {
            env.stackRm(stack, dir);
        }
        timings.yaml = (Date.now() - t0) / 1000;
    });
});
