// Issue 6, scenario 6 (destroy and drift): the production example (TypeScript) comes up; an
// out-of-band deletion of its Service is reported by `pulumi refresh` and `pulumi up` recreates it;
// `pulumi destroy` then removes every object the component and its companions created.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { kubectl, linkPackage, PulumiEnv, repoRoot, E2E_RUNTIME_IMAGE } from "./pulumiEnv";

const NAMESPACE = "omnia-e2e-destroy";
const STACK = "destroy-e2e";
const DIR = path.join(repoRoot, "examples", "typescript");
const SERVICE_URN_SUFFIX = "omnia:index:AgentRuntime$kubernetes:core/v1:Service::production-agent";

/** Every object of these kinds in the namespace, except what Kubernetes itself puts there. */
function objectsInNamespace(): string[] {
    const kinds =
        "deployments.apps,replicasets.apps,services,serviceaccounts,configmaps,secrets,scaledobjects.keda.sh,horizontalpodautoscalers.autoscaling,poddisruptionbudgets.policy,networkpolicies.networking.k8s.io";
    return kubectl(["get", kinds, "-n", NAMESPACE, "-o", "name"])
        .split("\n")
        .filter((n) => n && n !== "serviceaccount/default" && n !== "configmap/kube-root-ca.crt")
        .sort();
}

describe("e2e: pulumi refresh sees drift, pulumi destroy leaves nothing (issue 6, scenario 6)", function () {
    let env: PulumiEnv;

    before(function () {
        linkPackage(DIR);
        env = new PulumiEnv();
        kubectl(["create", "namespace", NAMESPACE]);
        env.stackInit(STACK, DIR);
        env.configSet(STACK, "namespace", NAMESPACE, DIR);
        env.configSet(STACK, "anthropicApiKey", "sk-ant-e2e-destroy", DIR, true);
        env.configSet(STACK, "omnia:runtimeImage", E2E_RUNTIME_IMAGE, DIR);
    });

    after(function () {
        if (env) {
            env.run(["destroy", "--stack", STACK, "--yes", "--skip-preview"], DIR, { allowFailure: true });
            env.stackRm(STACK, DIR);
            env.cleanup();
        }
        fs.rmSync(path.join(DIR, `Pulumi.${STACK}.yaml`), { force: true });
        kubectl(["delete", "namespace", NAMESPACE, "--wait=false"]);
    });

    it("pulumi up creates the production agent and its companions", function () {
        env.up(STACK, DIR);
        const objects = objectsInNamespace();
        for (const expected of [
            "configmap/customer-service-prompts-v2.1.0",
            "configmap/omnia.promptpack.customer-service-prompts",
            "configmap/omnia.provider.claude-production",
            "configmap/omnia.toolregistry.service-tools",
            "configmap/production-agent-tools",
            "deployment.apps/production-agent",
            "scaledobject.keda.sh/production-agent",
            "secret/llm-credentials",
            "service/production-agent",
            "serviceaccount/production-agent",
        ]) {
            assert.ok(objects.includes(expected), `${expected} in ${objects.join(", ")}`);
        }
    });

    it("pulumi refresh reports the Service deleted out of band, and pulumi up recreates it", function () {
        kubectl(["delete", "service", "production-agent", "-n", NAMESPACE]);

        // PULUMI_SKIP_CONFIRMATIONS (set by PulumiEnv) means --yes, which --preview-only refuses.
        const skip = env.env.PULUMI_SKIP_CONFIRMATIONS;
        delete env.env.PULUMI_SKIP_CONFIRMATIONS;
        let plan: { steps: { op: string; urn: string }[] };
        try {
            plan = JSON.parse(env.run(["refresh", "--stack", STACK, "--preview-only", "--json"], DIR).stdout);
        } finally {
            env.env.PULUMI_SKIP_CONFIRMATIONS = skip;
        }
        const changed = plan.steps.filter((s) => s.op !== "refresh" && s.op !== "same");
        assert.deepStrictEqual(
            changed.map((s) => `${s.op} ${s.urn.split("::").slice(-2).join("::")}`),
            [`delete ${SERVICE_URN_SUFFIX}`],
            "refresh plans exactly the Service's removal from the state",
        );

        const refresh = env.run(["refresh", "--stack", STACK, "--yes", "--skip-preview"], DIR);
        assert.match(refresh.stdout, /-\s+kubernetes:core\/v1:Service production-agent deleted/);
        const state = JSON.parse(env.run(["stack", "export", "--stack", STACK], DIR).stdout);
        assert.ok(!state.deployment.resources.some((r: { urn: string }) => r.urn.endsWith(SERVICE_URN_SUFFIX)), "the Service is out of the state");

        const up = env.up(STACK, DIR);
        assert.match(up.stdout, /\+\s+kubernetes:core\/v1:Service production-agent created/);
        assert.match(up.stdout, /\+ 1 created/);
        kubectl(["get", "service", "production-agent", "-n", NAMESPACE]);
        const outputs = env.stackOutputs(STACK, DIR);
        assert.strictEqual(outputs.serviceEndpoint, `production-agent.${NAMESPACE}.svc.cluster.local:8080`);
    });

    it("pulumi destroy removes every object it created", function () {
        assert.ok(objectsInNamespace().length > 0);
        env.destroy(STACK, DIR);
        assert.deepStrictEqual(objectsInNamespace(), [], "the namespace holds nothing but kube-root-ca.crt and the default ServiceAccount");
        const state = JSON.parse(env.run(["stack", "export", "--stack", STACK], DIR).stdout);
        assert.deepStrictEqual(state.deployment.resources ?? [], [], "the state is empty");
    });
});
