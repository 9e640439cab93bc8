// The five examples (TypeScript by direct import; Python, Go, YAML and Java through the provider
// plugin and generated SDKs) preview against the local cluster and plan the same Kubernetes objects.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { contractProblems } from "../contract/omniaPrograms";
import { exceptionFor } from "../hardening/exceptions";
import { CRITICAL, score } from "../hardening/kubeScore";
import { EXAMPLE_LANGUAGES as LANGUAGES, kubectl, prepareExample, PulumiEnv, E2E_RUNTIME_IMAGE } from "./pulumiEnv";

const NAMESPACE = "omnia-examples";

/** Kubernetes objects a preview plans: `type::name` -> inputs. */
type Plan = Record<string, unknown>;

function plannedObjects(previewJson: string): Plan {
    const steps: { newState?: { type: string; urn: string; inputs: unknown } }[] = JSON.parse(previewJson).steps ?? [];
    const plan: Plan = {};
    for (const step of steps) {
        const state = step.newState;
        if (!state?.type.startsWith("kubernetes:") || state.type.startsWith("pulumi:providers:")) continue;
        plan[`${state.type}::${state.urn.split("::").pop()}`] = state.inputs;
    }
    return plan;
}

describe("e2e: examples in every language plan the same objects (pulumi preview)", function () {
    let env: PulumiEnv;
    const plans: Partial<Record<(typeof LANGUAGES)[number], Plan>> = {};

    before(function () {
        env = new PulumiEnv();
        kubectl(["create", "namespace", NAMESPACE]);
    });

    after(function () {
        kubectl(["delete", "namespace", NAMESPACE, "--wait=false"]);
        env?.cleanup();
    });

    for (const language of LANGUAGES) {
        it(`${language}: pulumi preview succeeds`, function () {
            const dir = prepareExample(language);
            const stack = `examples-${language}`;
            try {
                env.stackInit(stack, dir);
                env.configSet(stack, "namespace", NAMESPACE, dir);
                env.configSet(stack, "anthropicApiKey", "sk-ant-e2e-example", dir, true);
                env.configSet(stack, "omnia:runtimeImage", E2E_RUNTIME_IMAGE, dir);
                plans[language] = plannedObjects(env.run(["preview", "--stack", stack, "--json"], dir).stdout);
            } finally {
                env.stackRm(stack, dir);
                fs.rmSync(path.join(dir, `Pulumi.${stack}.yaml`), { force: true });
            }
            assert.deepStrictEqual(
                Object.keys(plans[language]!).sort(),
                [
                    "kubernetes:apps/v1:Deployment::production-agent",
                    "kubernetes:core/v1:ConfigMap::customer-service-prompts-descriptor",
                    "kubernetes:core/v1:ConfigMap::customer-service-prompts-v2.1.0",
                    "kubernetes:core/v1:ConfigMap::claude-production-descriptor",
                    "kubernetes:core/v1:ConfigMap::production-agent-tools",
                    "kubernetes:core/v1:ConfigMap::service-tools-descriptor",
                    "kubernetes:core/v1:Secret::claude-production-credentials",
                    "kubernetes:core/v1:Service::production-agent",
                    "kubernetes:core/v1:ServiceAccount::production-agent",
                    "kubernetes:keda.sh/v1alpha1:ScaledObject::production-agent",
                    "kubernetes:networking.k8s.io/v1:NetworkPolicy::production-agent",
                    "kubernetes:policy/v1:PodDisruptionBudget::production-agent",
                ].sort(),
            );
        });
    }

    it("the planned agent holds to the contract of Omnia's programs (env, pack and tools files, probes)", function () {
        assert.ok(plans.typescript, "typescript previewed");
        assert.deepEqual(contractProblems(Object.values(plans.typescript!) as Record<string, any>[]), []);
    });

    it("kube-score v1.20.0 finds no CRITICAL problem in the planned objects beyond the documented exceptions (README, Hardening)", function () {
        for (const language of LANGUAGES) {
            assert.ok(plans[language], `${language} previewed`);
            const findings = score(Object.values(plans[language]!) as any[]);
            // The excepted findings are there: kube-score read the planned Deployment.
            assert.ok(
                findings.some((f) => f.object === `Deployment/${NAMESPACE}/production-agent` && exceptionFor(f)),
                `${language}: the Deployment was scored`,
            );
            const critical = findings.filter((f) => f.grade === CRITICAL && !exceptionFor(f));
            assert.deepEqual(
                critical.map((f) => `${f.object} ${f.check} (${f.container || "-"}): ${f.summary}`),
                [],
                language,
            );
        }
    });

    it("all five plan the same Kubernetes objects with the same inputs", function () {
        for (const language of LANGUAGES) assert.ok(plans[language], `${language} previewed`);
        for (const language of LANGUAGES.slice(1)) {
            assert.deepStrictEqual(plans[language], plans.typescript, `${language} plans what TypeScript plans`);
        }
    });
});
