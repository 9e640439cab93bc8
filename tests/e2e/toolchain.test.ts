// End-to-end smoke tests of the project's toolchain: the pinned Pulumi CLI, its language hosts and
// the kubernetes provider against the loopback cluster (started by clusterFixture.ts), with a
// TypeScript, a Python and a YAML program, each a Namespace and a Deployment of 2 replicas that
// kwok makes Ready.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { ensureToolchain, kubectl, PulumiEnv, programsDir, toolchainRoot, versions } from "./pulumiEnv";

const timings: Record<string, number> = {};
let env: PulumiEnv;

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

/** pulumi up of the program in dir, check 2 ready replicas in the outputs, pulumi destroy. */
function upCheckDestroy(label: string, dir: string): void {
    const t0 = Date.now();
    const stack = `${label}-${process.pid}-${Date.now().toString(36)}`;
    try {
        env.stackInit(stack, dir);
        env.configSet(stack, "kubeconfig", env.kubeconfig, dir);
        env.up(stack, dir);
        const outputs = env.stackOutputs(stack, dir);
        assert.strictEqual(outputs.readyReplicas, 2, `${label}: readyReplicas ${JSON.stringify(outputs)}`);
        env.destroy(stack, dir);
        assertNamespaceGone(outputs.namespace as string);
        assertNoDownloadedPlugins();
    } finally {
        env.stackRm(stack, dir);
        fs.rmSync(path.join(dir, `Pulumi.${stack}.yaml`), { force: true });
    }
    timings[label] = (Date.now() - t0) / 1000;
}

describe("e2e: toolchain smoke (pulumi up/destroy against the local cluster)", function () {
    before(function () {
        env = new PulumiEnv();
    });

    after(function () {
        env?.cleanup();
        console.log(`      [e2e] timings (s): ${JSON.stringify(timings)}`);
    });

    it("uses the pinned pulumi CLI, language hosts and kubernetes provider from the toolchain", function () {
        const v = versions();
        assert.strictEqual(env.run(["version"], env.dir).stdout.trim(), v.PULUMI_VERSION);
        const bin = ensureToolchain();
        for (const tool of [
            "pulumi-language-nodejs",
            "pulumi-language-python",
            "pulumi-language-go",
            "pulumi-language-yaml",
            "pulumi-language-java",
            "pulumi-resource-kubernetes",
            "kube-apiserver",
            "etcd",
            "kwok",
        ]) {
            assert.ok(fs.existsSync(path.join(bin, tool)), `${tool} in ${bin}`);
        }
        // The cluster reports the pinned Kubernetes version (the provider refuses < 1.13).
        const server = JSON.parse(kubectl(["version", "-o", "json"])).serverVersion.gitVersion;
        assert.strictEqual(server, v.KUBERNETES_VERSION);
    });

    it("TypeScript program: up, 2 ready replicas, destroy", function () {
        // Runs in place so that node resolves @pulumi/* from the repository's node_modules.
        upCheckDestroy("ts", path.join(programsDir, "ts-smoke"));
    });

    it("Python program: up, 2 ready replicas, destroy", function () {
        const venv = path.join(toolchainRoot(), "venv");
        assert.ok(fs.existsSync(path.join(venv, "bin", "python")), `toolchain venv ${venv}`);
        const dir = path.join(env.dir, "py-smoke");
        fs.cpSync(path.join(programsDir, "py-smoke"), dir, { recursive: true });
        const project = path.join(dir, "Pulumi.yaml");
        fs.writeFileSync(project, fs.readFileSync(project, "utf8").replace(/virtualenv: .*/, `virtualenv: ${JSON.stringify(venv)}`));
        upCheckDestroy("python", dir);
    });

    it("YAML program: up, 2 ready replicas, destroy", function () {
        const dir = path.join(env.dir, "yaml-smoke");
        fs.cpSync(path.join(programsDir, "yaml-smoke"), dir, { recursive: true });
        upCheckDestroy("yaml", dir);
    });
});
