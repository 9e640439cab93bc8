// API keys given as Pulumi secrets stay secret end to end (tests/e2e/programs/agent-secrets):
// never in plain text (nor base64) in `pulumi stack export`, in the engine's output or in any
// ConfigMap; pods read them only through secretKeyRef; a provider in another namespace is bound
// through a copy of its Secret next to the agent (from the managed key, or read from the cluster
// when the Secret was made outside Pulumi), kept secret in state.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { getJson, kubectl, programsDir, PulumiEnv, seconds } from "./pulumiEnv";
import { MANAGED_BY } from "../../provider/src/render";

const DIRECT_KEY = "sk-ant-e2e-direct-5f1c0d2e9a7b";
const SHARED_KEY = "sk-ant-e2e-shared-8e3a61b4c0d9";
const BYO_KEY = "sk-ant-e2e-byo-27c94fa1e6b3";
const SECRET_SIG = "4dabf18193072939515e22adb298388d"; // Pulumi's marker of a secret value in state

const b64 = (s: string) => Buffer.from(s).toString("base64");

/** Fails when TEXT holds any key, plain or base64. */
function assertNoKey(text: string, where: string): void {
    for (const key of [DIRECT_KEY, SHARED_KEY, BYO_KEY]) {
        assert.ok(!text.includes(key), `${where} holds the API key ${key} in plain text`);
        assert.ok(!text.includes(b64(key)), `${where} holds the API key ${key} in base64`);
    }
}

describe("e2e secrets: API keys stay secret and bind through secretKeyRef (tests/e2e/programs/agent-secrets)", function () {
    const dir = path.join(programsDir, "agent-secrets");
    const stack = "secrets";
    const ns = "omnia-secrets";
    let env: PulumiEnv;
    let upOutput = "";
    let state: any;

    const runtimeEnv = (agent: string) => getJson(["deployment", agent, "-n", ns]).spec.template.spec.initContainers.find((c: any) => c.name === "runtime").env;
    const apiKeyEnv = (agent: string) => runtimeEnv(agent).filter((e: any) => /API_KEY$/.test(e.name));
    /** The state's outputs of the resource whose URN ends with ::NAME and whose type is TYPE. */
    const stateOutputs = (type: string, name: string) => {
        const res = state.deployment.resources.find((r: any) => r.type === type && r.urn.endsWith(`::${name}`));
        assert.ok(res, `${type} ${name} in the state`);
        return res.outputs;
    };

    before(function () {
        const t0 = Date.now();
        env = new PulumiEnv();
        fs.rmSync(path.join(dir, `Pulumi.${stack}.yaml`), { force: true }); // stale config of an interrupted run
        for (const n of [ns, `${ns}-shared`, `${ns}-byo`]) kubectl(["create", "namespace", n]);
        // A provider Secret made outside Pulumi, with one more key the agent must not receive.
        kubectl(["create", "secret", "generic", "byo-credentials", "-n", `${ns}-byo`, `--from-literal=api-key=${BYO_KEY}`, "--from-literal=unrelated=not-for-agents"]);
        env.stackInit(stack, dir);
        env.configSet(stack, "namespace", ns, dir);
        env.configSet(stack, "directKey", DIRECT_KEY, dir, true);
        env.configSet(stack, "sharedKey", SHARED_KEY, dir, true);
        const r = env.run(["up", "--stack", stack, "--yes", "--skip-preview", "--diff"], dir);
        upOutput = `${r.stdout}\n${r.stderr}`;
        state = JSON.parse(env.run(["stack", "export", "--stack", stack], dir).stdout);
        console.log(`      [secrets] up ${seconds(t0)}`);
    });

    after(function () {
        const t0 = Date.now();
        try {
            env.run(["destroy", "--stack", stack, "--yes", "--skip-preview"], dir, { allowFailure: true });
            env.stackRm(stack, dir);
        } finally {
            fs.rmSync(path.join(dir, `Pulumi.${stack}.yaml`), { force: true });
            for (const n of [ns, `${ns}-shared`, `${ns}-byo`]) kubectl(["delete", "namespace", n, "--wait=false"]);
            env?.cleanup();
            console.log(`      [secrets] destroy ${seconds(t0)}`);
        }
    });

    it("all three agents come up Running with ProviderReady True", function () {
        const outputs: any = env.stackOutputs(stack, dir);
        assert.deepStrictEqual(outputs.phases, { direct: "Running", shared: "Running", byo: "Running" });
        for (const agent of ["direct", "shared", "byo"]) {
            const provider = outputs.conditions[agent].find((c: any) => c.type === "ProviderReady");
            assert.strictEqual(provider.status, "True", `${agent}: ${JSON.stringify(provider)}`);
        }
    });

    it("no key in plain text in `pulumi stack export`; the Secrets' data are secret values in state", function () {
        const text = JSON.stringify(state);
        assertNoKey(text, "pulumi stack export");
        // The managed Secrets and the copies: their data are Pulumi secrets (ciphertext), not values.
        for (const name of ["direct-provider-credentials", "shared-provider-credentials", "shared-agent-credentials", "byo-agent-credentials"]) {
            const field = "data";
            const value = stateOutputs("kubernetes:core/v1:Secret", name)[field];
            assert.strictEqual(value?.[SECRET_SIG], "1b47061264138c4ac30d75fd1eb44270", `${name}.${field} is a secret in state: ${JSON.stringify(value)}`);
            assert.strictEqual(typeof value.ciphertext, "string");
        }
        // The component's own inputs keep the key secret too.
        const provider = state.deployment.resources.find((r: any) => r.type === "omnia:index:LlmProvider" && r.urn.endsWith("::direct-provider"));
        assert.strictEqual(provider.inputs.apiKey?.[SECRET_SIG], "1b47061264138c4ac30d75fd1eb44270", JSON.stringify(provider.inputs.apiKey));
    });

    it("no key in the engine's output of pulumi up --diff (stdout and stderr)", function () {
        assert.ok(upOutput.includes("direct-agent"), "the output shows the update");
        assertNoKey(upOutput, "pulumi up output");
        assert.ok(upOutput.includes("[secret]"), "secret values are shown masked");
    });

    it("no key in any ConfigMap of the cluster; no key as a literal env value", function () {
        assertNoKey(kubectl(["get", "configmaps", "-A", "-o", "json"]), "ConfigMaps");
        assertNoKey(kubectl(["get", "deployments", "-A", "-o", "json"]), "Deployments");
    });

    it("same namespace: the runtime reads the provider's Secret through secretKeyRef", function () {
        assert.deepStrictEqual(apiKeyEnv("direct-agent"), [{ name: "ANTHROPIC_API_KEY", valueFrom: { secretKeyRef: { name: "llm-credentials", key: "ANTHROPIC_API_KEY" } } }]);
        const facadeEnv = getJson(["deployment", "direct-agent", "-n", ns]).spec.template.spec.containers.find((c: any) => c.name === "facade").env;
        assert.deepStrictEqual(
            facadeEnv.filter((e: any) => /API_KEY/.test(e.name)),
            [],
            "the facade gets no key",
        );
        const secret = getJson(["secret", "llm-credentials", "-n", ns]);
        assert.deepStrictEqual(secret.data, { ANTHROPIC_API_KEY: b64(DIRECT_KEY) });
        // The LlmProvider's own Secret carries the package's labels too (issue 12: metadata reaches every object).
        assert.deepStrictEqual(
            getJson(["secrets", "-n", ns, "-l", `app.kubernetes.io/managed-by=${MANAGED_BY}`])
                .items.map((s: any) => s.metadata.name)
                .sort(),
            ["byo-agent-byo-credentials", "llm-credentials", "shared-agent-llm-credentials"],
        );
    });

    it("provider in <ns>-shared with apiKey: Secret <agent>-llm-credentials in the agent's namespace holds the key; env points at it", function () {
        assert.deepStrictEqual(getJson(["secret", "llm-credentials", "-n", `${ns}-shared`]).data, { ANTHROPIC_API_KEY: b64(SHARED_KEY) });
        const copy = getJson(["secret", "shared-agent-llm-credentials", "-n", ns]);
        assert.strictEqual(copy.type, "Opaque");
        assert.deepStrictEqual(copy.data, { ANTHROPIC_API_KEY: b64(SHARED_KEY) });
        assert.strictEqual(copy.metadata.labels["app.kubernetes.io/instance"], "shared-agent");
        assert.deepStrictEqual(apiKeyEnv("shared-agent"), [
            { name: "ANTHROPIC_API_KEY", valueFrom: { secretKeyRef: { name: "shared-agent-llm-credentials", key: "ANTHROPIC_API_KEY" } } },
        ]);
    });

    it("provider in <ns>-byo without apiKey: its kubectl-made Secret is read from the cluster and copied (only the key the agent reads)", function () {
        const copy = getJson(["secret", "byo-agent-byo-credentials", "-n", ns]);
        assert.deepStrictEqual(copy.data, { "api-key": b64(BYO_KEY) });
        assert.deepStrictEqual(apiKeyEnv("byo-agent"), [{ name: "ANTHROPIC_API_KEY", valueFrom: { secretKeyRef: { name: "byo-agent-byo-credentials", key: "api-key" } } }]);
    });
});
