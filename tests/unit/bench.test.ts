// The benchmark's arithmetic and report (bench/stats.ts, bench/report.ts); the runner itself is
// exercised through the engine by tests/e2e/bench.test.ts.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BEGIN, CHART, END, resultsMarkdown, targets, writeReport } from "../../bench/report";
import { type Pair, type Readiness, type Results, runBench } from "../../bench/run";
import { median, pairedRatios, summarize } from "../../bench/stats";
import { fleetDocuments, writeFleet } from "../../bench/fleet";

const pair = (n: number, a: number[], b: number[]): Pair => ({
    n,
    objects: 6 * n + 4,
    a: a.map((seconds) => ({ seconds, peakMiB: 100 * seconds })),
    b: b.map((seconds) => ({ seconds, peakMiB: 100 * seconds })),
});

const readiness = (deploymentsReady: number, day2Rolled: number): Readiness => ({
    up: deploymentsReady + 1,
    deploymentsReady,
    atMinimum: deploymentsReady,
    day2Up: day2Rolled + 1,
    day2Rolled,
});

function results(over: Partial<Results> = {}): Results {
    return {
        date: "2026-11-24T12:00:00.000Z",
        quick: false,
        machine: { cpus: "test cpu", cores: 2, memoryGiB: 24, os: "Linux", node: "v20", loadBefore: [0.1, 0.2, 0.3] },
        versions: { PULUMI_VERSION: "v3.248.0" },
        sampleMs: 100,
        preview: [pair(1, [4, 4.2], [4, 4]), pair(100, [11, 12], [10, 10]), pair(500, [60, 60], [50, 50])],
        up: [pair(10, [20], [20])],
        ready: [{ n: 50, objects: 354, a: [readiness(40, 30), readiness(44, 34)], b: [readiness(80, 70), readiness(88, 68)] }],
        policy: pair(100, [12, 12], [10, 10]),
        python: pair(100, [16, 20], [10, 10]),
        inProcess: { validatePerSecond: 1000, renderPerSecond: 500, renderFile: { agents: 500, objects: 3004, runs: [{ seconds: 1, peakMiB: 80 }] } },
        ...over,
    };
}

describe("bench: statistics", () => {
    it("median of odd and even counts, unsorted input", () => {
        assert.strictEqual(median([3, 1, 2]), 2);
        assert.strictEqual(median([4, 1, 3, 2]), 2.5);
    });
    it("summarize gives median, min, max and count; refuses no values", () => {
        assert.deepStrictEqual(summarize([5, 1, 3]), { median: 3, min: 1, max: 5, n: 3 });
        assert.throws(() => summarize([]), /no values/);
    });
    it("paired ratios divide run i of a by run i of b", () => {
        assert.deepStrictEqual(pairedRatios([2, 9], [1, 3]), [2, 3]);
    });
});

describe("bench: targets and report", () => {
    it("targets use the median paired ratio and the component's N = 500 / N = 100 growth", () => {
        const t = targets(results());
        assert.deepStrictEqual(
            t.map((x) => [x.what, x.limit, x.value && +x.value.median.toFixed(4)]),
            [
                ["preview, N = 100: component / baseline", 1.1, 1.15],
                ["preview grows linearly: component N = 500 / N = 100", 5.5, +(60 / 11.5).toFixed(4)],
                ["preview, N = 100: with / without the policy pack", 1.25, 1.2],
                ["preview, N = 100: Python (plugin) / TypeScript (direct)", 1.5, 1.8],
                ["time to ready, N = 50: every Deployment ready (component)", 45.5, 42],
                ["day 2, N = 50: every Deployment rolled (component)", 36.5, 32],
            ],
        );
        const md = resultsMarkdown(results());
        assert.match(md, /\| preview, N = 100: component \/ baseline \| 1\.10x \| 1\.15 \(1\.10–1\.20\)x \| \*\*no\*\* \|/);
        assert.match(md, /\| preview, N = 100: with \/ without the policy pack \| 1\.25x \| 1\.20 \(1\.20–1\.20\)x \| yes \|/);
        assert.match(md, /\| 100 \| 604 \| 11\.50 \(11\.00–12\.00\) \| 10\.00 \(10\.00–10\.00\) \| 1\.15 \(1\.10–1\.20\) \|/);
        assert.match(md, /\| time to ready, N = 50: every Deployment ready \(component\) \| 45\.50 s \| 42\.00 \(40\.00–44\.00\) s \| yes \|/);
        // Ratios pair run i of the component with run i of the baseline: 40/80 and 44/88.
        assert.match(md, /\| 50 \| every Deployment ready \| 42\.0 \(40\.0–44\.0\) \| 84\.0 \(80\.0–88\.0\) \| 0\.50 \(0\.50–0\.50\) \|/);
        assert.match(md, /\| 50 \| day 2: every Deployment rolled \| 32\.0 \(30\.0–34\.0\) \| 69\.0 \(68\.0–70\.0\) \| 0\.46 \(0\.43–0\.50\) \|/);
    });

    it("names a re-measurement restricted to some N (--sizes), and that the other rows are older", () => {
        const md = resultsMarkdown(results({ remeasured: { preview: "2026-12-01T21:30:00.000Z" }, remeasuredSizes: { preview: [100] } }));
        assert.ok(
            md.includes(
                "Re-measured alone afterwards (`npm run bench -- --only preview --sizes 100`), same machine: **preview** (N = 100; the other rows are older), 2026-12-01 21:30 UTC.",
            ),
            md,
        );
    });

    it("refuses --sizes that a chosen figure does not measure, before starting anything", async () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "omnia-bench-sizes-"));
        try {
            fs.writeFileSync(path.join(out, "performance.json"), JSON.stringify(results({})));
            await assert.rejects(runBench({ quick: false, out, only: ["ready", "preview"], sizes: [100], log: () => {} }), {
                message: "--sizes 100: ready is measured at N = 10, 50",
            });
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
    });

    it("a quick run (no N = 100 or 500) reports every target as not measured", () => {
        const quick = results({
            quick: true,
            preview: [pair(1, [4], [4])],
            policy: pair(1, [5], [4]),
            python: pair(1, [3], [4]),
            ready: [{ n: 1, objects: 11, a: [readiness(5, 4)], b: [readiness(5, 4)] }],
        });
        assert.ok(targets(quick).every((t) => t.value === undefined));
        assert.strictEqual(resultsMarkdown(quick).match(/not measured/g)?.length, 6);
    });

    it("writeReport replaces only the results section of an existing performance.md, and writes the JSON and the chart", () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "bench-report-"));
        try {
            fs.writeFileSync(path.join(out, "performance.md"), `# Title\n\nintro\n\n${BEGIN}\nold figures\n${END}\n\n## Where the time goes\n\nanalysis\n`);
            writeReport(results(), out);
            const md = fs.readFileSync(path.join(out, "performance.md"), "utf8");
            assert.ok(md.startsWith("# Title\n\nintro\n\n" + BEGIN));
            assert.ok(md.endsWith(`${END}\n\n## Where the time goes\n\nanalysis\n`));
            assert.ok(!md.includes("old figures"));
            assert.strictEqual(md.split(BEGIN).length, 2);
            assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(out, "performance.json"), "utf8")), results());
            const svg = fs.readFileSync(path.join(out, CHART), "utf8");
            assert.strictEqual(svg.match(/<polyline/g)?.length, 2);
            assert.strictEqual(svg.match(/<circle/g)?.length, 6); // 3 sizes x 2 series
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
    });
});

describe("bench: fleet", () => {
    it("N agents after their three companions, alternating KEDA and HPA, rendering to 7N + 4 objects", () => {
        const docs = fleetDocuments(3);
        assert.deepStrictEqual(
            docs.map((d) => `${d.kind}/${d.metadata.name}`),
            ["PromptPack/bench-prompts", "Provider/bench-claude", "ToolRegistry/bench-tools", "AgentRuntime/agent-0001", "AgentRuntime/agent-0002", "AgentRuntime/agent-0003"],
        );
        assert.deepStrictEqual(
            docs.slice(3).map((d) => (d.spec as any).runtime.autoscaling.type),
            ["keda", "hpa", "keda"],
        );
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-fleet-"));
        try {
            const files = writeFleet(3, dir);
            assert.strictEqual(files.objectCount, 25);
            const kinds = JSON.parse(fs.readFileSync(files.objects, "utf8")).map((o: any) => o.kind);
            assert.strictEqual(kinds.filter((k: string) => k === "ScaledObject").length, 2);
            assert.strictEqual(kinds.filter((k: string) => k === "HorizontalPodAutoscaler").length, 1);
            assert.deepStrictEqual(JSON.parse(fs.readFileSync(files.json, "utf8")), docs);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
