// Issue 12: a secret nested inside a document keeps its protection through the plugin (Pulumi YAML):
// the component's recorded spec and the ScaledObject that carries it are secret in the state, and
// the value is nowhere in plain text in `pulumi stack export` or the engine's output.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { kubectl, programsDir, PulumiEnv } from "./pulumiEnv";

const PASSWORD = "redis-pw-e2e-7d2c91f0";
const SECRET_SIG = "4dabf18193072939515e22adb298388d"; // Pulumi's marker of a secret value in state

describe("e2e plugin secrets: a secret nested in spec stays secret (tests/e2e/programs/plugin-secrets)", function () {
    const dir = path.join(programsDir, "plugin-secrets");
    const stack = "plugin-secrets";
    const ns = "omnia-plugin-secrets";
    let env: PulumiEnv;
    let output = "";
    let state: any;

    before(function () {
        env = new PulumiEnv();
        fs.rmSync(path.join(dir, `Pulumi.${stack}.yaml`), { force: true });
        kubectl(["create", "namespace", ns]);
        env.stackInit(stack, dir);
        env.configSet(stack, "namespace", ns, dir);
        env.configSet(stack, "triggerPassword", PASSWORD, dir, true);
        const r = env.run(["up", "--stack", stack, "--yes", "--skip-preview", "--diff"], dir);
        output = `${r.stdout}\n${r.stderr}`;
        state = JSON.parse(env.run(["stack", "export", "--stack", stack], dir).stdout);
    });

    after(function () {
        env?.run(["destroy", "--stack", stack, "--yes", "--skip-preview"], dir, { allowFailure: true });
        env?.stackRm(stack, dir);
        fs.rmSync(path.join(dir, `Pulumi.${stack}.yaml`), { force: true });
        kubectl(["delete", "namespace", ns, "--wait=false"]);
        env?.cleanup();
    });

    const resource = (type: string, name: string) => {
        const found = state.deployment.resources.find((r: any) => r.type === type && r.urn.endsWith(`::${name}`));
        assert.ok(found, `${type} ${name} in the state`);
        return found;
    };

    it("is nowhere in plain text: state, engine output", () => {
        assert.ok(!JSON.stringify(state).includes(PASSWORD), "stack export holds the password in plain text");
        assert.ok(!output.includes(PASSWORD), "the engine's output holds the password");
    });

    it("keeps the component's recorded spec and the ScaledObject's spec secret", () => {
        const agent = resource("omnia:index:AgentRuntime", "secret-agent");
        assert.ok(JSON.stringify(agent.inputs.spec).includes(SECRET_SIG), `AgentRuntime inputs.spec: ${JSON.stringify(agent.inputs.spec).slice(0, 300)}`);
        const scaledObject = resource("kubernetes:keda.sh/v1alpha1:ScaledObject", "secret-agent");
        assert.equal(scaledObject.inputs.spec[SECRET_SIG], "1b47061264138c4ac30d75fd1eb44270", "ScaledObject inputs.spec is a secret");
        assert.equal(scaledObject.outputs.spec[SECRET_SIG], "1b47061264138c4ac30d75fd1eb44270", "ScaledObject outputs.spec is a secret");
    });

    it("leaves objects that do not carry it in plain text", () => {
        const service = resource("kubernetes:core/v1:Service", "secret-agent");
        assert.ok(!JSON.stringify(service.inputs).includes(SECRET_SIG), "the Service is not secret");
        assert.equal(kubectl(["get", "scaledobject.keda.sh", "secret-agent", "-n", ns, "-o", "jsonpath={.spec.triggers[0].metadata.listName}"]), "jobs");
    });
});
