// The benchmark (bench/) through the real engine: its baseline must declare exactly the objects the
// component creates, or the ratios compare different work; and a quick run of the runner (N = 1,
// one repetition) must produce every figure, so the runner cannot rot; and the trace reader
// (bench/trace) must read what this engine writes.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { baselineTs, componentPy, componentTs, type Program, runBench, withBench } from "../../bench/run";
import { BEGIN, CHART, END } from "../../bench/report";
import { SKIP_AWAIT_ANNOTATION } from "../../provider/src/components/awaits";

/** Kubernetes objects a `pulumi preview --json` would create, keyed by type and name, with their inputs. */
function previewObjects(json: string): Map<string, unknown> {
    const objects = new Map<string, unknown>();
    for (const step of JSON.parse(json).steps) {
        const { type, inputs } = step.newState;
        if (type.startsWith("kubernetes:")) objects.set(`${type} ${inputs.metadata.name}`, inputs);
    }
    return objects;
}

/** `go ARGS` in bench/trace (the trace reader). */
const traceTool = (args: string[]) => execFileSync("go", args, { cwd: path.join(__dirname, "../../bench/trace"), encoding: "utf8", maxBuffer: 1 << 28 });

/** A row of bench/trace's table, keyed by call and resource type. */
function tableRow(line: string): [string, { calls: number; sum: number; first: number; last: number }] {
    const [call, type, calls, , sum, first, last] = line
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim());
    return [`${call} ${type}`, { calls: Number(calls), sum: Number(sum), first: Number(first), last: Number(last) }];
}

describe("e2e: benchmark (bench/)", function () {
    it("the baseline declares exactly the objects of the component, and Python through the plugin the same as TypeScript", async function () {
        const byProgram = new Map<Program, Map<string, unknown>>();
        await withBench(
            () => {},
            async (bench) => {
                // N = 2: one agent with KEDA, one with an HPA.
                for (const p of [componentTs, baselineTs, componentPy]) byProgram.set(p, previewObjects((await bench.pulumi(p, 2, ["preview", "--json"])).stdout));
            },
        );
        const component = byProgram.get(componentTs)!;
        const kinds = [...component.keys()].map((k) => k.split(" ")[0]).sort();
        assert.deepStrictEqual(
            [...new Set(kinds)],
            [
                "kubernetes:apps/v1:Deployment",
                "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
                "kubernetes:core/v1:ConfigMap",
                "kubernetes:core/v1:Service",
                "kubernetes:core/v1:ServiceAccount",
                "kubernetes:keda.sh/v1alpha1:ScaledObject",
                "kubernetes:networking.k8s.io/v1:NetworkPolicy",
                "kubernetes:policy/v1:PodDisruptionBudget",
            ],
        );
        assert.strictEqual(component.size, 18); // 2 agents x 7 (SA, NetworkPolicy, Deployment, Service, autoscaler, PDB, tools) + 4 companion ConfigMaps
        assert.deepStrictEqual(Object.fromEntries(byProgram.get(componentPy)!), Object.fromEntries(component));
        // The one difference from hand-written objects: the component does not await its Services (provider/src/components/awaits.ts).
        const handWritten = new Map(component);
        for (const [key, inputs] of component) {
            if (!key.startsWith("kubernetes:core/v1:Service ")) continue;
            const { [SKIP_AWAIT_ANNOTATION]: skip, ...annotations } = (inputs as any).metadata.annotations;
            assert.strictEqual(skip, "true", key);
            const metadata = { ...(inputs as any).metadata, annotations };
            if (!Object.keys(annotations).length) delete metadata.annotations;
            handWritten.set(key, { ...(inputs as any), metadata });
        }
        assert.deepStrictEqual(Object.fromEntries(byProgram.get(baselineTs)!), Object.fromEntries(handWritten));
    });

    it("bench/trace reads an engine trace of `pulumi up` into per-call, per-type timings", async function () {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "omnia-trace-"));
        const file = path.join(dir, "up.trace");
        try {
            await withBench(
                () => {},
                async (bench) => {
                    await bench.pulumi(componentTs, 1, ["up", "--yes", "--skip-preview", "--tracing", `file:${file}`]);
                    await bench.pulumi(componentTs, 1, ["destroy", "--yes", "--skip-preview"]);
                },
            );
            const table = traceTool(["run", ".", file]);
            const rows = new Map(
                table
                    .split("\n")
                    .filter((l) => /^\| [A-Z]/.test(l) && !l.startsWith("| call "))
                    .map(tableRow),
            );
            const total = Number(/^pulumi: ([\d.]+) s$/m.exec(table)?.[1]);
            // One agent (KEDA): its component and each of its objects registered once, each object created once by the provider.
            for (const key of [
                "RegisterResource omnia:index:AgentRuntime",
                "RegisterResource kubernetes:apps/v1:Deployment",
                "Create kubernetes:apps/v1:Deployment",
                "Create kubernetes:keda.sh/v1alpha1:ScaledObject",
            ]) {
                const r = rows.get(key);
                assert.ok(r, `${key} missing from\n${table}`);
                assert.strictEqual(r.calls, 1, key);
                assert.ok(r.first >= 0 && r.first <= r.last && r.last <= total, `${key}: ${JSON.stringify(r)}, pulumi ${total} s`);
            }
            assert.strictEqual(rows.get("Create kubernetes:core/v1:ConfigMap")?.calls, 5); // the tools ConfigMap and 4 of the companions
            // The program's registration of the Deployment lasts until the engine has created it (rollout awaited).
            assert.ok(rows.get("RegisterResource kubernetes:apps/v1:Deployment")!.sum >= rows.get("Create kubernetes:apps/v1:Deployment")!.sum);
            // Every span as a JSON line.
            const spans = traceTool(["run", ".", "--spans", file])
                .trim()
                .split("\n")
                .map((l) => JSON.parse(l));
            assert.strictEqual(spans.filter((s) => s.name === "pulumi").length, 1);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("a quick run (N = 1, one repetition) measures every figure and writes the report", async function () {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "omnia-bench-smoke-"));
        try {
            const r = await runBench({ quick: true, out, log: () => {} });
            const pairs = [...r.preview, ...r.up, r.policy, r.python];
            assert.strictEqual(pairs.length, 4);
            for (const p of pairs) {
                assert.strictEqual(p.n, 1);
                assert.strictEqual(p.objects, 11);
                for (const run of [...p.a, ...p.b]) {
                    assert.ok(run.seconds > 0.5 && run.seconds < 600, `wall time ${run.seconds}`);
                    assert.ok(run.peakMiB > 50 && run.peakMiB < 8192, `peak memory ${run.peakMiB}`);
                }
            }
            assert.strictEqual(r.ready.length, 1);
            assert.strictEqual(r.ready[0].n, 1);
            for (const x of [...r.ready[0].a, ...r.ready[0].b]) {
                // Watched on the API server: ready before or after `pulumi up` returned, never before it started.
                for (const s of Object.values(x)) assert.ok(s > 0.5 && s < 600, `readiness ${JSON.stringify(x)}`);
            }
            assert.ok(r.inProcess.validatePerSecond > 100 && r.inProcess.renderPerSecond > 100);
            assert.strictEqual(r.inProcess.renderFile.runs.length, 1);

            const md = fs.readFileSync(path.join(out, "performance.md"), "utf8");
            assert.ok(md.startsWith(BEGIN) && md.trimEnd().endsWith(END));
            assert.match(md, /\| 1 \| 11 \| [\d.]+ \| [\d.]+ \| [\d.]+ \|/); // the preview row
            assert.strictEqual(md.match(/not measured/g)?.length, 6); // the targets need N = 50, 100 and 500
            assert.match(md, /\| 1 \| every Deployment ready \| [\d.]+ \| [\d.]+ \| [\d.]+ \|/); // the time-to-ready rows
            assert.strictEqual(fs.readFileSync(path.join(out, CHART), "utf8").match(/<polyline/g)?.length, 2);
            assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(out, "performance.json"), "utf8")), JSON.parse(JSON.stringify(r)));
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
    });
});
