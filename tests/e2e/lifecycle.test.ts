// Lifecycle of real stacks against the project's cluster, through the real Pulumi CLI:
//  1. the production example (TypeScript, YAML, Python, Go) comes up Running, its readiness outputs
//     say so, the objects in the cluster are those the renderer produces for the same spec, and
//     `pulumi destroy` removes them;
//  2. day-2 changes of one agent (model, replicas, facade port) update in place and roll pods only
//     when the pod template changes. Autoscaling transitions: tests/e2e/autoscaling.test.ts.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";

import { E2E_RUNTIME_IMAGE, EXAMPLE_LANGUAGES as LANGUAGES, engineEvents, getJson, kubectl, prepareExample, programsDir, PulumiEnv, seconds } from "./pulumiEnv";
import {
    MANAGED_BY,
    promptPackDescriptor,
    providerDescriptor,
    renderAgentRuntime,
    resolvePromptPack,
    resolveProvider,
    resolveToolRegistry,
    toolRegistryDescriptor,
    type AgentRuntimeObjects,
} from "../../provider/src/render";
import { validateDocument } from "../../provider/src/spec";

const root = path.join(__dirname, "../..");
const examples = path.join(root, "examples");
const API_KEY = "sk-ant-e2e-lifecycle-0123456789";
const CONDITIONS = ["Ready", "DeploymentReady", "ServiceReady", "PromptPackReady", "ProviderReady", "ToolRegistryReady"];

// ---------------------------------------------------------------------------------------------
// helpers

/** Kubernetes quantities ("1000m", "1", "256Mi") as numbers, so canonicalised values compare equal. */
function quantity(v: string): number | undefined {
    const m = /^([0-9.]+)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(v);
    if (!m) return undefined;
    const unit: Record<string, number> = { "": 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 };
    return parseFloat(m[1]) * unit[m[2] ?? ""];
}

/**
 * Every field the renderer wrote is in the live object with the same value (the API server only adds
 * defaults around them); arrays have exactly the rendered length and match item by item.
 */
function assertRendered(live: unknown, rendered: unknown, where: string): void {
    if (Array.isArray(rendered)) {
        assert.ok(Array.isArray(live), `${where}: expected an array, got ${JSON.stringify(live)}`);
        assert.strictEqual((live as unknown[]).length, rendered.length, `${where}: length (live ${JSON.stringify(live)})`);
        rendered.forEach((item, i) => assertRendered((live as unknown[])[i], item, `${where}[${i}]`));
    } else if (rendered !== null && typeof rendered === "object") {
        assert.ok(live !== null && typeof live === "object" && !Array.isArray(live), `${where}: expected an object, got ${JSON.stringify(live)}`);
        for (const [k, v] of Object.entries(rendered)) assertRendered((live as Record<string, unknown>)[k], v, `${where}.${k}`);
    } else if (typeof rendered === "string" && typeof live === "string" && rendered !== live && quantity(rendered) !== undefined) {
        assert.strictEqual(quantity(live), quantity(rendered), `${where}: quantity ${live} vs ${rendered}`);
    } else {
        assert.strictEqual(live, rendered, `${where}`);
    }
}

/** Paths of spec fields a Pulumi field manager owns on a live object (server-side apply). */
function pulumiOwnsSpecField(live: any, field: string): boolean {
    const entries = (live.metadata.managedFields ?? []).filter((m: any) => /pulumi/i.test(m.manager));
    assert.ok(entries.length > 0, `a pulumi field manager in ${JSON.stringify((live.metadata.managedFields ?? []).map((m: any) => m.manager))}`);
    return entries.some((m: any) => m.fieldsV1?.["f:spec"]?.[`f:${field}`] !== undefined);
}

/** Objects left in a namespace apart from what Kubernetes creates in every namespace. */
function leftovers(ns: string): string[] {
    const list = getJson(["deployments,services,serviceaccounts,configmaps,secrets,horizontalpodautoscalers,scaledobjects.keda.sh,poddisruptionbudgets,networkpolicies", "-n", ns]);
    return list.items
        .map((o: any) => `${o.kind}/${o.metadata.name}`)
        .filter((n: string) => n !== "ServiceAccount/default" && n !== "ConfigMap/kube-root-ca.crt")
        .sort();
}

/** The example's spec (examples/yaml/Pulumi.yaml, which all five examples plan identically) rendered for NS. */
function expectedExampleObjects(ns: string, credentialsVersion: string): AgentRuntimeObjects {
    const project = parseYaml(fs.readFileSync(path.join(examples, "yaml", "Pulumi.yaml"), "utf8"));
    const subst = (v: any): any =>
        v === "${metadata}"
            ? { namespace: ns }
            : typeof v === "string"
              ? v.split("${namespace}").join(ns)
              : Array.isArray(v)
                ? v.map(subst)
                : v && typeof v === "object"
                  ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, subst(x)]))
                  : v;
    const res = subst(project.resources);
    const props = (name: string) => ({ metadata: res[name].properties.metadata, spec: res[name].properties.spec });
    const pack = validateDocument("PromptPack", "customer-service-prompts", props("customer-service-prompts"));
    const provider = validateDocument("Provider", "claude-production", props("claude-production"));
    const tools = validateDocument("ToolRegistry", "service-tools", props("service-tools"));
    const agent = validateDocument("AgentRuntime", "production-agent", { ...props("production-agent"), images: { runtime: E2E_RUNTIME_IMAGE } });
    return renderAgentRuntime(
        agent.metadata,
        agent.spec,
        {
            promptPack: resolvePromptPack("production-agent", promptPackDescriptor(pack.metadata, pack.spec), agent.spec.promptPackRef),
            provider: resolveProvider(providerDescriptor(provider.metadata, provider.spec)),
            toolRegistry: resolveToolRegistry(toolRegistryDescriptor(tools.metadata, tools.spec)),
        },
        // The LlmProvider manages the key, so the config hash carries its Secret's resourceVersion (pods roll on rotation).
        { credentialsVersion, images: agent.images },
    );
}

function assertReadyOutputs(outputs: any, ns: string, agent: string, port: number, version: string, extraConditions: string[] = []): void {
    const status = outputs.status;
    assert.strictEqual(status.phase, "Running", JSON.stringify(status));
    assert.ok(status.replicas.ready >= 1, `ready replicas ${JSON.stringify(status.replicas)}`);
    const byType = Object.fromEntries(status.conditions.map((c: any) => [c.type, c.status]));
    for (const type of [...CONDITIONS, ...extraConditions]) assert.strictEqual(byType[type], "True", `condition ${type} in ${JSON.stringify(status.conditions)}`);
    assert.strictEqual(outputs.serviceEndpoint, `${agent}.${ns}.svc.cluster.local:${port}`);
    assert.strictEqual(outputs.activeVersion, version);
}

// ---------------------------------------------------------------------------------------------
// 1. up and readiness of the production example, in every language

describe("e2e lifecycle: the production example up, Running, as rendered, destroyed (each language)", function () {
    let env: PulumiEnv;

    before(function () {
        env = new PulumiEnv();
    });

    after(function () {
        env?.cleanup();
    });

    for (const language of LANGUAGES) {
        it(`${language}: pulumi up -> Running with every condition True; cluster objects = renderAgentRuntime; pulumi destroy removes them`, function () {
            const t0 = Date.now();
            const dir = prepareExample(language);
            const stack = `lifecycle-${language}`;
            const ns = `omnia-lc-${language}`;
            kubectl(["create", "namespace", ns]);
            try {
                fs.rmSync(path.join(dir, `Pulumi.${stack}.yaml`), { force: true }); // stale config of an interrupted run
                env.stackInit(stack, dir);
                env.configSet(stack, "namespace", ns, dir);
                env.configSet(stack, "anthropicApiKey", API_KEY, dir, true);
                env.configSet(stack, "omnia:runtimeImage", E2E_RUNTIME_IMAGE, dir);
                const tUp = Date.now();
                env.up(stack, dir);
                console.log(`      [lifecycle] ${language}: up ${seconds(tUp)}`);

                // readiness outputs
                const outputs: any = env.stackOutputs(stack, dir);
                assertReadyOutputs(outputs, ns, "production-agent", 8080, "2.1.0", ["AutoscalingReady"]);

                // the objects in the cluster are the rendered ones
                const expected = expectedExampleObjects(ns, getJson(["secret", "llm-credentials", "-n", ns]).metadata.resourceVersion);
                const deploy = getJson(["deployment", "production-agent", "-n", ns, "--show-managed-fields"]);
                const rendered = expected.deployment as any;
                assert.deepStrictEqual(deploy.metadata.labels, rendered.metadata.labels);
                assert.deepStrictEqual(deploy.spec.selector, rendered.spec.selector);
                assertRendered(deploy.spec.template, rendered.spec.template, "Deployment.spec.template");
                // exact, not only contained: labels, annotations (incl. the config hash), env, containers, volumes
                assert.deepStrictEqual(deploy.spec.template.metadata.labels, rendered.spec.template.metadata.labels);
                assert.deepStrictEqual(deploy.spec.template.metadata.annotations, rendered.spec.template.metadata.annotations);
                assert.deepStrictEqual(
                    [...(deploy.spec.template.spec.initContainers ?? []), ...deploy.spec.template.spec.containers].map((c: any) => [c.name, c.image, c.env]),
                    [...(rendered.spec.template.spec.initContainers ?? []), ...rendered.spec.template.spec.containers].map((c: any) => [c.name, c.image, c.env]),
                );
                assert.deepStrictEqual(deploy.spec.template.spec.securityContext, rendered.spec.template.spec.securityContext);
                assert.deepStrictEqual(
                    deploy.spec.template.spec.volumes.map((v: any) => v.name),
                    ["promptpack", "tools", "facade-tmp", "runtime-tmp"],
                );
                // autoscaling is on: the Deployment started at minReplicas (1), not forced; the count is the
                // autoscaler's once it writes one (tests/e2e/autoscaling.test.ts)
                assert.strictEqual("replicas" in rendered.spec, false);
                assert.strictEqual(deploy.spec.replicas, 1);
                assert.strictEqual(deploy.metadata.annotations?.["pulumi.com/patchForce"], undefined);
                assert.ok(pulumiOwnsSpecField(deploy, "template"), "pulumi owns spec.template");
                assert.ok(deploy.status.readyReplicas >= 1);

                const svc = getJson(["service", "production-agent", "-n", ns]);
                assert.deepStrictEqual(svc.metadata.labels, (expected.service as any).metadata.labels);
                assert.strictEqual(svc.spec.type, "ClusterIP");
                assert.deepStrictEqual(svc.spec.selector, (expected.service as any).spec.selector);
                assert.deepStrictEqual(svc.spec.ports, [{ name: "facade", port: 8080, targetPort: "facade", protocol: "TCP" }]);
                assertRendered(svc.spec, (expected.service as any).spec, "Service.spec");

                const so = getJson(["scaledobjects.keda.sh", "production-agent", "-n", ns]);
                assert.deepStrictEqual(so.spec, (expected.scaledObject as any).spec);
                assert.deepStrictEqual(so.metadata.labels, expected.scaledObject!.metadata.labels);
                assert.deepStrictEqual(getJson(["horizontalpodautoscalers", "-n", ns]).items, [], "no HPA next to the ScaledObject");
                // minReplicas 1, maxReplicas 20: a budget of one pod at a time, which never blocks a drain
                assert.deepStrictEqual(getJson(["poddisruptionbudget", "production-agent", "-n", ns]).spec, { ...(expected.podDisruptionBudget as any).spec });
                assert.deepStrictEqual(getJson(["networkpolicy", "production-agent", "-n", ns]).spec, (expected.networkPolicy as any).spec);

                const sa = getJson(["serviceaccount", "production-agent", "-n", ns]);
                assert.strictEqual(sa.automountServiceAccountToken, false);
                assert.deepStrictEqual(sa.metadata.labels, expected.serviceAccount.metadata.labels);

                const tools = getJson(["configmap", "production-agent-tools", "-n", ns]);
                assert.deepStrictEqual(tools.data, (expected.toolsConfigMap as any).data);
                assert.deepStrictEqual(tools.metadata.labels, expected.toolsConfigMap!.metadata.labels);

                const pack = getJson(["configmap", "customer-service-prompts-v2.1.0", "-n", ns]);
                assert.strictEqual(pack.immutable, true);
                assert.strictEqual(JSON.parse(pack.data["pack.json"]).id, "customer-service");
                assert.deepStrictEqual(
                    getJson(["configmaps", "-n", ns, "-l", `app.kubernetes.io/managed-by=${MANAGED_BY}`])
                        .items.map((c: any) => c.metadata.name)
                        .sort(),
                    [
                        "customer-service-prompts-v2.1.0",
                        "omnia.promptpack.customer-service-prompts",
                        "omnia.provider.claude-production",
                        "omnia.toolregistry.service-tools",
                        "production-agent-tools",
                    ],
                );

                // destroy removes everything the stack made
                const tDown = Date.now();
                env.destroy(stack, dir);
                console.log(`      [lifecycle] ${language}: destroy ${seconds(tDown)}`);
                assert.deepStrictEqual(leftovers(ns), []);
            } finally {
                env.stackRm(stack, dir);
                fs.rmSync(path.join(dir, `Pulumi.${stack}.yaml`), { force: true });
                kubectl(["delete", "namespace", ns, "--wait=false"]);
                console.log(`      [lifecycle] ${language}: total ${seconds(t0)}`);
            }
        });
    }
});

// ---------------------------------------------------------------------------------------------
// 2. day-2 changes

interface Ops {
    [resource: string]: string[];
}

describe("e2e lifecycle: day-2 changes update in place (tests/e2e/programs/agent-day2)", function () {
    const dir = path.join(programsDir, "agent-day2");
    const stack = "day2";
    const ns = "omnia-lc-day2";
    const agent = "day2-agent";
    let env: PulumiEnv;
    let upCount = 0;

    /** `pulumi up --json`; returns the engine's steps per resource (`type::name` -> ops), from its events. */
    function up(): Ops {
        const t0 = Date.now();
        const out = env.run(["up", "--stack", stack, "--yes", "--skip-preview", "--json"], dir).stdout;
        console.log(`      [day2] up #${++upCount} ${seconds(t0)}`);
        const { ops } = engineEvents(out);
        assert.ok(Object.keys(ops).length > 0, `engine events in the output of pulumi up --json:\n${out.slice(0, 2000)}`);
        return ops;
    }
    const DEPLOYMENT = `kubernetes:apps/v1:Deployment::${agent}`;
    const SERVICE = `kubernetes:core/v1:Service::${agent}`;
    const config = (key: string, value: string) => env.configSet(stack, key, value, dir);

    /**
     * Neither the Deployment nor the Service is ever replaced, nor the ServiceAccount (the pods'
     * identity). (ConfigMaps are another matter: the Kubernetes provider replaces a ConfigMap whose
     * data changes, e.g. the provider's descriptor on a model change.)
     */
    function assertInPlace(ops: Ops, deployment: string, service: string): void {
        for (const key of [DEPLOYMENT, SERVICE, `kubernetes:core/v1:ServiceAccount::${agent}`]) {
            for (const op of ops[key] ?? []) assert.ok(!["replace", "create-replacement", "delete-replaced"].includes(op), `${key} ${op}: ${JSON.stringify(ops)}`);
        }
        assert.deepStrictEqual(ops[DEPLOYMENT], [deployment], `Deployment steps ${JSON.stringify(ops)}`);
        assert.deepStrictEqual(ops[SERVICE], [service], `Service steps ${JSON.stringify(ops)}`);
    }

    const deployment = () => getJson(["deployment", agent, "-n", ns, "--show-managed-fields"]);
    const hashOf = (d: any) => d.spec.template.metadata.annotations["omnia.altairalabs.ai/config-hash"];
    const runtimeEnv = (d: any, name: string) => d.spec.template.spec.initContainers.find((c: any) => c.name === "runtime").env.find((e: any) => e.name === name)?.value;
    /** pod-template-hash of the ReplicaSets that have pods (the live revision). */
    const liveRevisions = () =>
        getJson(["replicasets", "-n", ns, "-l", `app.kubernetes.io/instance=${agent}`])
            .items.filter((rs: any) => rs.spec.replicas > 0)
            .map((rs: any) => rs.metadata.labels["pod-template-hash"])
            .sort();
    const autoscalers = () => [
        ...getJson(["horizontalpodautoscalers", "-n", ns]).items.map((o: any) => `HorizontalPodAutoscaler/${o.metadata.name}`),
        ...getJson(["scaledobjects.keda.sh", "-n", ns]).items.map((o: any) => `ScaledObject/${o.metadata.name}`),
    ];

    before(function () {
        env = new PulumiEnv();
        fs.rmSync(path.join(dir, `Pulumi.${stack}.yaml`), { force: true }); // stale config of an interrupted run
        kubectl(["create", "namespace", ns]);
        env.stackInit(stack, dir);
        config("namespace", ns);
        env.configSet(stack, "anthropicApiKey", API_KEY, dir, true);
        config("autoscaling", "none");
        config("replicas", "2");
    });

    after(function () {
        try {
            env.run(["destroy", "--stack", stack, "--yes", "--skip-preview"], dir, { allowFailure: true });
            env.stackRm(stack, dir);
        } finally {
            fs.rmSync(path.join(dir, `Pulumi.${stack}.yaml`), { force: true });
            kubectl(["delete", "namespace", ns, "--wait=false"]);
            env?.cleanup();
        }
    });

    // Each step builds on the previous one (one stack, changed one setting at a time).
    let before0: any;

    it("initial up: autoscaling off, 2 replicas, Running", function () {
        const ops = up();
        assert.deepStrictEqual(ops[DEPLOYMENT], ["create"]);
        const outputs: any = env.stackOutputs(stack, dir);
        assertReadyOutputs(outputs, ns, agent, 8080, "1.0.0");
        before0 = deployment();
        assert.strictEqual(before0.spec.replicas, 2);
        assert.ok(pulumiOwnsSpecField(before0, "replicas"), "replicas is ours without an autoscaler");
        assert.strictEqual(runtimeEnv(before0, "OMNIA_PROVIDER_MODEL"), "claude-sonnet-4-20250514");
        assert.deepStrictEqual(autoscalers(), []);
        assert.strictEqual(liveRevisions().length, 1);
    });

    it("model change: Deployment updated in place, pod template changes, pods roll", function () {
        const prev = deployment();
        const prevRevisions = liveRevisions();
        config("model", "claude-opus-4-20250514");
        assertInPlace(up(), "update", "same");
        const d = deployment();
        assert.strictEqual(d.metadata.uid, prev.metadata.uid, "same Deployment object");
        assert.strictEqual(runtimeEnv(d, "OMNIA_PROVIDER_MODEL"), "claude-opus-4-20250514");
        assert.notStrictEqual(hashOf(d), hashOf(prev), "config hash changes with the provider");
        assert.strictEqual(d.metadata.generation, prev.metadata.generation + 1);
        assert.strictEqual(d.spec.replicas, 2);
        const revisions = liveRevisions();
        assert.strictEqual(revisions.length, 1);
        assert.notDeepStrictEqual(revisions, prevRevisions, "a new ReplicaSet: pods rolled");
    });

    it("replicas 3: Deployment updated in place, pod template unchanged, no roll", function () {
        const prev = deployment();
        const prevRevisions = liveRevisions();
        config("replicas", "3");
        assertInPlace(up(), "update", "same");
        const d = deployment();
        assert.strictEqual(d.metadata.uid, prev.metadata.uid);
        assert.strictEqual(d.spec.replicas, 3);
        assert.strictEqual(d.status.readyReplicas, 3);
        assert.deepStrictEqual(d.spec.template, prev.spec.template, "pod template unchanged");
        assert.deepStrictEqual(liveRevisions(), prevRevisions, "same ReplicaSet: no roll");
    });

    it("facade port 8090: Service and Deployment updated in place, pods roll, endpoint follows", function () {
        const prev = deployment();
        const prevSvc = getJson(["service", agent, "-n", ns]);
        const prevRevisions = liveRevisions();
        config("facadePort", "8090");
        assertInPlace(up(), "update", "update");
        const svc = getJson(["service", agent, "-n", ns]);
        assert.strictEqual(svc.metadata.uid, prevSvc.metadata.uid, "same Service object");
        assert.strictEqual(svc.spec.clusterIP, prevSvc.spec.clusterIP, "cluster IP kept");
        assert.deepStrictEqual(svc.spec.ports, [{ name: "facade", port: 8090, targetPort: "facade", protocol: "TCP" }]);
        const d = deployment();
        assert.strictEqual(d.metadata.uid, prev.metadata.uid);
        const facade = d.spec.template.spec.containers.find((c: any) => c.name === "facade");
        assert.deepStrictEqual(
            facade.ports.map((p: any) => [p.name, p.containerPort]),
            [
                ["facade", 8090],
                ["facade-health", 8081],
            ],
        );
        assert.strictEqual(facade.env.find((e: any) => e.name === "OMNIA_FACADE_PORT").value, "8090");
        assert.strictEqual(d.spec.template.metadata.annotations["prometheus.io/port"], "8090");
        assert.notDeepStrictEqual(liveRevisions(), prevRevisions, "pods rolled");
        const outputs: any = env.stackOutputs(stack, dir);
        assertReadyOutputs(outputs, ns, agent, 8090, "1.0.0");
    });
});
