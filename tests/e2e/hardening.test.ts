// Issue 17 through the real engine, the provider plugin and the generated Python SDK: the component's
// networkPolicy and ephemeralStorage arguments reach the API server as rendered, a second preview
// plans no change (nothing the API server defaults differs from what we send), the policy pack's
// workload-network-policy notices a disabled policy, and a refused argument creates nothing.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { renderAgentRuntime, documentRenderOptions, type ResolvedReferences } from "../../provider/src/render";
import { validateDocument } from "../../provider/src/spec";
import { E2E_RUNTIME_IMAGE, engineEvents, getJson, kubectl, linkPythonVenv, programsDir, PulumiEnv, repoRoot } from "./pulumiEnv";

const DIR = path.join(programsDir, "hardening-py");
const STACK = "hardening";
const NS = "omnia-hardening";
const AGENT = "hardening-py";
const POLICY_PACK = path.join(repoRoot, "policy-pack");

/** What the renderer makes of the program's arguments (the same values, camelCase). */
function expected() {
    const doc = validateDocument("AgentRuntime", AGENT, {
        metadata: { namespace: NS, annotations: { "omnia.altairalabs.ai/mock-provider": "true" } },
        spec: {
            promptPackRef: { name: "hardening-prompts", version: "1.0.0" },
            toolRegistryRef: { name: "hardening-tools" },
            framework: { image: E2E_RUNTIME_IMAGE },
            runtime: { replicas: 2, resources: { requests: { cpu: "250m", memory: "128Mi" }, limits: { memory: "256Mi" } } },
        },
        networkPolicy: {
            ingressFrom: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } }],
            extraEgress: [{ to: [{ ipBlock: { cidr: "10.20.0.0/16", except: ["10.20.9.0/24"] } }], ports: [{ port: 6380, endPort: 6390 }] }],
        },
        ephemeralStorage: { facadeLimit: "512Mi", runtimeTmpSizeLimit: "2Gi" },
    });
    const refs: ResolvedReferences = {
        promptPack: { name: "hardening-prompts", namespace: NS, version: "1.0.0", configMapName: "hardening-prompts-v1.0.0", promptName: "default" },
        toolRegistry: {
            name: "hardening-tools",
            namespace: NS,
            handlers: [{ name: "weather", type: "http", httpConfig: { endpoint: "http://weather.tools.svc.cluster.local:8080/weather", method: "POST" } } as any],
        },
    };
    return renderAgentRuntime(doc.metadata, doc.spec, refs, documentRenderOptions(doc));
}

describe("e2e hardening (Python, tests/e2e/programs/hardening-py): NetworkPolicy and ephemeral storage through the engine", function () {
    let env: PulumiEnv;
    const run = (args: string[], allowFailure = false) => env.run([...args, "--stack", STACK], DIR, { allowFailure });
    const config = (key: string, value: string) => env.configSet(STACK, key, value, DIR);

    before(function () {
        env = new PulumiEnv();
        linkPythonVenv(DIR);
        fs.rmSync(path.join(DIR, `Pulumi.${STACK}.yaml`), { force: true });
        kubectl(["create", "namespace", NS]);
        env.stackInit(STACK, DIR);
        config("namespace", NS);
        config("runtimeImage", E2E_RUNTIME_IMAGE);
    });

    after(function () {
        try {
            run(["destroy", "--yes", "--skip-preview"], true);
            env.stackRm(STACK, DIR);
        } finally {
            fs.rmSync(path.join(DIR, `Pulumi.${STACK}.yaml`), { force: true });
            kubectl(["delete", "namespace", NS, "--wait=false"]);
            env?.cleanup();
        }
    });

    it("a refused argument (ingressFrom with no peer) fails the preview with its path, and creates nothing", function () {
        config("networkPolicy", "empty-ingress");
        const r = run(["up", "--yes", "--skip-preview"], true);
        assert.notStrictEqual(r.status, 0);
        assert.match(
            r.stdout + r.stderr,
            /property networkPolicy\.ingressFrom with value .* has a problem: must list at least one peer: Kubernetes reads an empty list as every source/,
        );
        assert.deepStrictEqual(getJson(["networkpolicies,deployments", "-n", NS]).items, []);
    });

    it("pulumi up creates the NetworkPolicy and the Deployment the renderer makes, accepted by the API server as sent", function () {
        config("networkPolicy", "on");
        const events = engineEvents(run(["up", "--yes", "--skip-preview", "--json", "--policy-pack", POLICY_PACK]).stdout);
        assert.deepStrictEqual(events.ops["kubernetes:networking.k8s.io/v1:NetworkPolicy::hardening-py"], ["create"]);
        assert.deepStrictEqual(
            events.policies.filter((p) => /network-policy|ephemeral-storage|container-probes/.test(p.policy)),
            [],
            "the hardening rules pass",
        );
        const want = expected();
        assert.deepStrictEqual(getJson(["networkpolicy", AGENT, "-n", NS]).spec, want.networkPolicy!.spec);
        const pod = getJson(["deployment", AGENT, "-n", NS]).spec.template.spec;
        const wantPod = want.deployment.spec!.template.spec!;
        assert.deepStrictEqual(pod.initContainers[0].resources, wantPod.initContainers![0].resources);
        assert.deepStrictEqual(pod.containers[0].resources.limits["ephemeral-storage"], "512Mi");
        assert.deepStrictEqual(
            pod.volumes.filter((v: any) => v.emptyDir).map((v: any) => v.emptyDir.sizeLimit),
            ["64Mi", "2Gi"],
        );
        // The API server fills in service "" (the overall health the runtime reports SERVING); the next preview still plans no change.
        assert.deepStrictEqual(pod.initContainers[0].readinessProbe.grpc, { port: 9000, service: "" });
        assert.deepStrictEqual(getJson(["poddisruptionbudget", AGENT, "-n", NS]).spec.maxUnavailable, 1);
    });

    it("a second preview plans no change (no field the API server defaults differs)", function () {
        const events = engineEvents(run(["preview", "--json", "--show-sames"]).stdout);
        const changed = Object.entries(events.ops).filter(([, ops]) => ops.some((op) => op !== "same"));
        assert.deepStrictEqual(changed, []);
    });

    it("networkPolicy enabled: false deletes it, and the pack's workload-network-policy says so", function () {
        config("networkPolicy", "off");
        const events = engineEvents(run(["up", "--yes", "--skip-preview", "--json", "--policy-pack", POLICY_PACK]).stdout);
        assert.deepStrictEqual(events.ops["kubernetes:networking.k8s.io/v1:NetworkPolicy::hardening-py"], ["delete"]);
        assert.deepStrictEqual(getJson(["networkpolicies", "-n", NS]).items, []);
        const violations = events.policies.filter((p) => p.policy.startsWith("workload-network-policy"));
        assert.deepStrictEqual(
            violations.map((p) => [p.policy, p.level, p.message.trim().split("\n").at(-1)]),
            // Stack "hardening" is not production: the rule's advisory twin reports it.
            [["workload-network-policy-nonprod", "advisory", `Deployment "${NS}/${AGENT}": no NetworkPolicy selects its pods; add one with policyTypes [Ingress, Egress]`]],
        );
    });
});
