// Issue 13: turning autoscaling on or off never drops a running agent's pods. Real engine, real API
// server, the kube-controller-manager's HPA controller running (KEDA's operator is not: its writes are
// made with its field manager through the scale subresource, as it makes them). A watch on the
// Deployment runs during every `pulumi up`, so the assertions are on the lowest count seen, not
// only on the end state. Every up runs the policy pack: its autoscaler rules pass in every state.
// Who owns spec.replicas in each state: provider/src/components/replicaOwnership.ts.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { engineEvents, type EngineEvents, getJson, kubectl, linkPythonVenv, programsDir, PulumiEnv, repoRoot, seconds } from "./pulumiEnv";
import { replicaManagers, replicaPath, type ReplicaSample, ReplicaWatch } from "./replicaWatch";

const POLICY_PACK = path.join(repoRoot, "policy-pack");
const AUTOSCALER_RULES = ["autoscaled-deployment-no-replicas", "deployment-single-autoscaler"];
const API_KEY = "sk-ant-e2e-autoscaling-0123456789";
const PATCH_FORCE = "pulumi.com/patchForce";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const pulumiManaged = (managers: string[]) => managers.some((m) => /pulumi/i.test(m));

/** One stack of one program, each `pulumi up` watched. */
class WatchedStack {
    private ups = 0;
    private _env?: PulumiEnv;
    get env(): PulumiEnv {
        return (this._env ??= new PulumiEnv());
    }

    constructor(
        readonly label: string,
        readonly dir: string,
        readonly stack: string,
        readonly ns: string,
        readonly agent: string,
    ) {}

    init(config: Record<string, string>, secrets: Record<string, string> = {}): void {
        fs.rmSync(path.join(this.dir, `Pulumi.${this.stack}.yaml`), { force: true }); // stale config of an interrupted run
        kubectl(["create", "namespace", this.ns]);
        this.env.stackInit(this.stack, this.dir);
        for (const [k, v] of Object.entries(config)) this.config(k, v);
        for (const [k, v] of Object.entries(secrets)) this.env.configSet(this.stack, k, v, this.dir, true);
    }

    config(key: string, value: string): void {
        this.env.configSet(this.stack, key, value, this.dir);
    }

    deployment(): any {
        return getJson(["deployment", this.agent, "-n", this.ns, "--show-managed-fields"]);
    }

    /** `pulumi preview --json`: the planned steps and the properties each changes. */
    preview(): EngineEvents {
        return engineEvents(this.env.run(["preview", "--stack", this.stack, "--json", "--show-sames"], this.dir).stdout);
    }

    /** `pulumi up` with the policy pack, watched from before it starts until after it ends. */
    async up(): Promise<{ events: EngineEvents; samples: ReplicaSample[] }> {
        const exists = getJson(["deployments", "-n", this.ns]).items.some((d: any) => d.metadata.name === this.agent);
        const watch = await ReplicaWatch.start(this.ns, this.agent, exists);
        const t0 = Date.now();
        let out = "";
        let samples: ReplicaSample[] = [];
        try {
            out = this.env.run(["up", "--stack", this.stack, "--yes", "--skip-preview", "--json", "--policy-pack", POLICY_PACK], this.dir).stdout;
        } finally {
            samples = await watch.stop();
        }
        const events = engineEvents(out);
        console.log(
            `      [${this.label}] up #${++this.ups} ${seconds(t0)}: spec.replicas ${replicaPath(samples).join(" -> ")}, ready >= ${Math.min(...samples.map((s) => s.ready))}`,
        );
        assert.ok(Object.keys(events.ops).length > 0, `engine events in the output of pulumi up --json:\n${out.slice(0, 2000)}`);
        assert.deepStrictEqual(
            events.policies.filter((p) => AUTOSCALER_RULES.includes(p.policy.replace(/-nonprod$/, ""))),
            [],
            "the autoscaler rules pass",
        );
        return { events, samples };
    }

    /** Waits until the Deployment has COUNT ready pods at spec.replicas COUNT. */
    async settled(count: number, timeoutMs = 90_000): Promise<any> {
        const end = Date.now() + timeoutMs;
        for (;;) {
            const d = this.deployment();
            if (d.spec.replicas === count && (d.status.readyReplicas ?? 0) === count) return d;
            if (Date.now() > end) throw new Error(`deployment ${this.ns}/${this.agent}: wanted ${count} ready, got spec ${d.spec.replicas}, ready ${d.status.readyReplicas}`);
            await sleep(500);
        }
    }

    /** What KEDA's operator does when it scales: a write of the scale subresource under its own field manager. */
    scaleAsKeda(count: number): void {
        kubectl([
            "patch",
            "deployment",
            this.agent,
            "-n",
            this.ns,
            "--subresource=scale",
            "--type=merge",
            "-p",
            JSON.stringify({ spec: { replicas: count } }),
            "--field-manager=keda-operator",
        ]);
    }

    destroy(): void {
        try {
            this.env.run(["destroy", "--stack", this.stack, "--yes", "--skip-preview"], this.dir, { allowFailure: true });
            this.env.stackRm(this.stack, this.dir);
        } finally {
            fs.rmSync(path.join(this.dir, `Pulumi.${this.stack}.yaml`), { force: true });
            kubectl(["delete", "namespace", this.ns, "--wait=false"]);
            this._env?.cleanup();
        }
    }
}

/** The count the Deployment had when the API server created it (generation 1 is the object as created). */
function createdWith(samples: ReplicaSample[]): number {
    const first = samples.find((s) => s.generation === 1);
    assert.ok(first, `the watch saw the Deployment as created: ${JSON.stringify(samples)}`);
    return first.replicas;
}

const minimum = (samples: ReplicaSample[], field: "replicas" | "ready") => Math.min(...samples.map((s) => s[field]));

describe("e2e autoscaling handover (TypeScript, tests/e2e/programs/agent-day2): no transition drops pods", function () {
    const s = new WatchedStack("handover-ts", path.join(programsDir, "agent-day2"), "handover", "omnia-handover-ts", "day2-agent");
    const DEPLOYMENT = "kubernetes:apps/v1:Deployment::day2-agent";
    const HPA = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler::day2-agent";
    const SCALED_OBJECT = "kubernetes:keda.sh/v1alpha1:ScaledObject::day2-agent";
    const autoscalers = () => [
        ...getJson(["horizontalpodautoscalers", "-n", s.ns]).items.map((o: any) => `HorizontalPodAutoscaler/${o.metadata.name}`),
        ...getJson(["scaledobjects.keda.sh", "-n", s.ns]).items.map((o: any) => `ScaledObject/${o.metadata.name}`),
    ];

    before(function () {
        s.init({ namespace: s.ns, autoscaling: "hpa", minReplicas: "2", maxReplicas: "6", replicas: "3" }, { anthropicApiKey: API_KEY });
    });
    after(function () {
        s.destroy();
    });

    it("a new agent with an HPA starts at minReplicas (2), not at the API server's default (1)", async function () {
        const { events, samples } = await s.up();
        assert.deepStrictEqual(events.ops[DEPLOYMENT], ["create"]);
        assert.deepStrictEqual(events.ops[HPA], ["create"]);
        assert.strictEqual(createdWith(samples), 2);
        assert.deepStrictEqual(replicaPath(samples), [2]);
        const d = await s.settled(2);
        assert.strictEqual(d.metadata.annotations?.[PATCH_FORCE], undefined, "never forced under an autoscaler");
    });

    it("hpa -> off (replicas 3): from 2 straight to 3; the count is Pulumi's again", async function () {
        s.config("autoscaling", "none");
        const plan = s.preview();
        assert.deepStrictEqual(plan.ops[DEPLOYMENT], ["update"]);
        assert.deepStrictEqual(plan.ops[HPA], ["delete"]);
        const { events, samples } = await s.up();
        assert.deepStrictEqual(events.ops[DEPLOYMENT], ["update"]);
        assert.deepStrictEqual(events.ops[HPA], ["delete"]);
        assert.deepStrictEqual(replicaPath(samples), [2, 3]);
        assert.ok(minimum(samples, "ready") >= 2, JSON.stringify(samples));
        const d = await s.settled(3);
        assert.deepStrictEqual(autoscalers(), []);
        assert.strictEqual(d.metadata.annotations[PATCH_FORCE], "true");
        assert.ok(pulumiManaged(replicaManagers(d)), `Pulumi owns spec.replicas: ${replicaManagers(d)}`);
    });

    it("off -> hpa with 3 pods running: the count stays 3 (never the API server's 1, never minReplicas 2)", async function () {
        s.config("autoscaling", "hpa");
        const plan = s.preview();
        assert.deepStrictEqual(plan.ops[DEPLOYMENT], ["update"], "the force annotation goes");
        assert.ok(!(plan.diffs[DEPLOYMENT] ?? []).some((p) => p.startsWith("spec")), `no change to the Deployment's spec: ${plan.diffs[DEPLOYMENT]}`);
        const { events, samples } = await s.up();
        assert.deepStrictEqual(events.ops[HPA], ["create"]);
        assert.deepStrictEqual(replicaPath(samples), [3]);
        assert.strictEqual(minimum(samples, "ready"), 3);
        const d = await s.settled(3);
        assert.strictEqual(d.metadata.annotations?.[PATCH_FORCE], undefined);
        assert.deepStrictEqual(autoscalers(), ["HorizontalPodAutoscaler/day2-agent"]);
    });

    it("the HPA controller takes the count (maxReplicas 2 -> 2 pods); later ups leave it, with and without a Deployment change", async function () {
        s.config("maxReplicas", "2");
        const { events } = await s.up();
        assert.deepStrictEqual(events.ops[HPA], ["update"]);
        assert.deepStrictEqual(events.ops[DEPLOYMENT], ["same"]);
        // The HPA controller clamps the count to maxReplicas within its sync period (15 s).
        const scaled = await s.settled(2);
        assert.ok(replicaManagers(scaled).length > 0 && !pulumiManaged(replicaManagers(scaled)), `the autoscaler owns spec.replicas: ${replicaManagers(scaled)}`);

        const plan = s.preview();
        assert.deepStrictEqual(plan.ops[DEPLOYMENT], ["same"], "no diff on replicas when nothing changed");
        const same = await s.up();
        assert.deepStrictEqual(same.events.ops[DEPLOYMENT], ["same"]);
        assert.deepStrictEqual(replicaPath(same.samples), [2]);

        s.config("note", "autoscaled");
        const changed = await s.up();
        assert.deepStrictEqual(changed.events.ops[DEPLOYMENT], ["update"]);
        assert.deepStrictEqual(replicaPath(changed.samples), [2]);
        const d = s.deployment();
        assert.strictEqual(d.metadata.annotations["e2e.omnia.altairalabs.ai/note"], "autoscaled", "the update reached the Deployment");
        assert.strictEqual(d.spec.replicas, 2);
        assert.ok(!pulumiManaged(replicaManagers(d)), `still the autoscaler's: ${replicaManagers(d)}`);
    });

    it("hpa -> keda: the count in force (2) is kept while the autoscaler is swapped", async function () {
        s.config("autoscaling", "keda");
        s.config("maxReplicas", "6");
        const { events, samples } = await s.up();
        assert.deepStrictEqual(events.ops[HPA], ["delete"]);
        assert.deepStrictEqual(events.ops[SCALED_OBJECT], ["create"]);
        assert.deepStrictEqual(events.ops[DEPLOYMENT], ["same"]);
        assert.deepStrictEqual(replicaPath(samples), [2]);
        assert.deepStrictEqual(autoscalers(), ["ScaledObject/day2-agent"]);
    });

    it("keda -> hpa: the count KEDA set (4) is kept", async function () {
        s.scaleAsKeda(4);
        await s.settled(4);
        s.config("autoscaling", "hpa");
        const { events, samples } = await s.up();
        assert.deepStrictEqual(events.ops[SCALED_OBJECT], ["delete"]);
        assert.deepStrictEqual(events.ops[HPA], ["create"]);
        assert.deepStrictEqual(events.ops[DEPLOYMENT], ["same"]);
        assert.deepStrictEqual(replicaPath(samples), [4]);
        assert.strictEqual(minimum(samples, "ready"), 4);
    });

    it("hpa -> off (replicas 3): from the autoscaler's 4 straight to 3, taken back from the autoscaler's field manager", async function () {
        const before = s.deployment();
        assert.ok(!pulumiManaged(replicaManagers(before)), `the autoscaler owns the count before: ${replicaManagers(before)}`);
        s.config("autoscaling", "none");
        const { events, samples } = await s.up();
        assert.deepStrictEqual(events.ops[DEPLOYMENT], ["update"]);
        assert.deepStrictEqual(events.ops[HPA], ["delete"]);
        assert.deepStrictEqual(replicaPath(samples), [4, 3]);
        assert.ok(minimum(samples, "ready") >= 3, JSON.stringify(samples));
        const d = await s.settled(3);
        assert.ok(pulumiManaged(replicaManagers(d)) && replicaManagers(d).length === 1, `Pulumi alone owns spec.replicas: ${replicaManagers(d)}`);
        assert.deepStrictEqual(autoscalers(), []);
    });
});

describe("e2e autoscaling handover through the provider plugin", function () {
    it("python: off (3 pods) -> keda: the count stays 3", async function () {
        const dir = path.join(programsDir, "autoscaling-py");
        const s = new WatchedStack("handover-py", dir, "handover", "omnia-handover-py", "handover-py");
        try {
            linkPythonVenv(dir);
            s.init({ namespace: s.ns, autoscaling: "none", replicas: "3" });
            const created = await s.up();
            assert.strictEqual(createdWith(created.samples), 3);
            await s.settled(3);
            s.config("autoscaling", "keda");
            const { events, samples } = await s.up();
            assert.deepStrictEqual(events.ops["kubernetes:keda.sh/v1alpha1:ScaledObject::handover-py"], ["create"]);
            assert.deepStrictEqual(events.ops["kubernetes:apps/v1:Deployment::handover-py"], ["update"]);
            assert.deepStrictEqual(replicaPath(samples), [3]);
            assert.strictEqual(minimum(samples, "ready"), 3);
            assert.strictEqual(s.deployment().metadata.annotations?.[PATCH_FORCE], undefined);
        } finally {
            s.destroy();
            fs.rmSync(path.join(dir, "venv"), { force: true });
        }
    });

    it("yaml: a new KEDA agent with minReplicas 0 starts at 1; keda -> off takes KEDA's count (3) straight to replicas (2)", async function () {
        const s = new WatchedStack("handover-yaml", path.join(programsDir, "autoscaling-yaml"), "handover", "omnia-handover-yaml", "handover-yaml");
        try {
            s.init({ namespace: s.ns });
            const created = await s.up();
            assert.strictEqual(createdWith(created.samples), 1);
            await s.settled(1);
            s.scaleAsKeda(3);
            await s.settled(3);
            s.config("autoscaling", "false");
            const { events, samples } = await s.up();
            assert.deepStrictEqual(events.ops["kubernetes:keda.sh/v1alpha1:ScaledObject::handover-yaml"], ["delete"]);
            assert.deepStrictEqual(replicaPath(samples), [3, 2]);
            assert.ok(minimum(samples, "ready") >= 2, JSON.stringify(samples));
            const d = await s.settled(2);
            assert.ok(pulumiManaged(replicaManagers(d)) && replicaManagers(d).length === 1, `Pulumi alone owns spec.replicas: ${replicaManagers(d)}`);
            assert.strictEqual(d.metadata.annotations[PATCH_FORCE], "true");
        } finally {
            s.destroy();
        }
    });
});
