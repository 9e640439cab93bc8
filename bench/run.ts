// The benchmark runner: the component against hand-written @pulumi/kubernetes resources (the
// baseline), through the real Pulumi engine and the project's local control plane. Every ratio
// pairs two runs made back to back, in alternating order. `npm run bench` (full, updates
// docs/performance.*) or `npm run bench -- --quick --out DIR` (N = 1, one repetition).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { clusterDown, clusterUp, kubectl, linkPythonVenv, PulumiEnv, repoRoot, versions } from "../tests/e2e/pulumiEnv";
import { agentName, type FleetFiles, type FleetVariant, MIN_REPLICAS, NAMESPACE, writeFleet } from "./fleet";
import { specThroughput } from "./inProcess";
import { measure, type Measured, SAMPLE_MS } from "./measure";
import { allAtLeast, allRolledOut, allRolledToNewSpec, type Condition, DeploymentWatch, podsGone } from "./readiness";
import { writeReport } from "./report";

export interface BenchOptions {
    quick: boolean;
    /** Re-measure only these figures, keeping the others of <out>/performance.json. */
    only?: Figure[];
    /** With `only`: re-measure only these N of the figures measured per N (preview, up, ready), keeping the other rows. */
    sizes?: number[];
    /** Where performance.json, performance-preview.svg and performance.md go. */
    out: string;
    log?: (line: string) => void;
}

export interface Plan {
    previewSizes: number[];
    previewReps: (n: number) => number;
    upSizes: number[];
    upReps: number;
    readySizes: number[];
    readyReps: number;
    policySize: number;
    pythonSize: number;
    pairReps: number;
    throughputSeconds: number;
    renderSize: number;
    renderReps: number;
}

export const FULL: Plan = {
    previewSizes: [1, 10, 100, 500],
    previewReps: (n) => (n >= 500 ? 3 : 5),
    upSizes: [10, 100],
    upReps: 3,
    readySizes: [10, 50],
    readyReps: 2,
    policySize: 100,
    pythonSize: 100,
    pairReps: 5,
    throughputSeconds: 3,
    renderSize: 500,
    renderReps: 5,
};

export const QUICK: Plan = {
    previewSizes: [1],
    previewReps: () => 1,
    upSizes: [1],
    upReps: 1,
    readySizes: [1],
    readyReps: 1,
    policySize: 1,
    pythonSize: 1,
    pairReps: 1,
    throughputSeconds: 0.2,
    renderSize: 1,
    renderReps: 1,
};

/** One timed run: wall seconds and peak memory of the process tree (MiB). */
export interface Run {
    seconds: number;
    peakMiB: number;
}

export interface Pair {
    n: number;
    /** Kubernetes objects of the fleet (the component also registers one component resource per document). */
    objects: number;
    a: Run[];
    b: Run[];
}

/** One new stack of N agents brought up, then changed on day 2; seconds from the start of each `pulumi up`. */
export interface Readiness {
    /** The `pulumi up` of the new stack returned. */
    up: number;
    /** Every Deployment rolled out, as the API server serves it. */
    deploymentsReady: number;
    /** Every agent running its autoscaler's minimum of ready pods. */
    atMinimum: number;
    /** The day-2 `pulumi up` (one field changed on every agent) returned. */
    day2Up: number;
    /** Every Deployment rolled to the new spec (no old pod left). */
    day2Rolled: number;
}

/** a = component, b = baseline. */
export interface ReadinessPair {
    n: number;
    objects: number;
    a: Readiness[];
    b: Readiness[];
}

export interface Results {
    date: string;
    /** Figures re-measured alone (`--only`) after the full run, with their dates. */
    remeasured?: Partial<Record<Figure, string>>;
    /** The N re-measured, where `--sizes` restricted a figure's re-measurement. */
    remeasuredSizes?: Partial<Record<Figure, number[]>>;
    quick: boolean;
    machine: { cpus: string; cores: number; memoryGiB: number; os: string; node: string; loadBefore: number[] };
    versions: Record<string, string>;
    sampleMs: number;
    /** a = component (TypeScript), b = baseline. */
    preview: Pair[];
    /** a = component, b = baseline; `pulumi up` of a new stack (the destroy between runs is not timed). */
    up: Pair[];
    /** Time to ready and day-2 roll-out, watched on the API server. */
    ready: ReadinessPair[];
    /** a = with the policy pack, b = without (component, TypeScript). */
    policy: Pair;
    /** a = Python through the plugin, b = TypeScript with direct import. */
    python: Pair;
    inProcess: { validatePerSecond: number; renderPerSecond: number; renderFile: { agents: number; objects: number; runs: Run[] } };
}

const run = (m: Measured): Run => ({ seconds: m.wallSeconds, peakMiB: m.peakBytes / 2 ** 20 });

export interface Program {
    name: string;
    dir: string;
    /** Environment naming the input files for a fleet. */
    inputs(f: FleetFiles): Record<string, string>;
}

const programsDir = path.join(__dirname, "programs");
const STACK = "bench";

export const componentTs: Program = { name: "component-ts", dir: path.join(programsDir, "component-ts"), inputs: (f) => ({ OMNIA_BENCH_FLEET: f.json }) };
export const baselineTs: Program = { name: "baseline-ts", dir: path.join(programsDir, "baseline-ts"), inputs: (f) => ({ OMNIA_BENCH_OBJECTS: f.objects }) };
export const componentPy: Program = { name: "component-py", dir: path.join(programsDir, "component-py"), inputs: (f) => ({ OMNIA_BENCH_FLEET: f.json }) };
export const PROGRAMS = [componentTs, baselineTs, componentPy];

export class Bench {
    private readonly fleets = new Map<string, FleetFiles>();
    private readonly fleetDir: string;

    constructor(
        readonly env: PulumiEnv,
        private readonly log: (line: string) => void,
    ) {
        this.fleetDir = path.join(env.dir, "fleets");
    }

    fleet(n: number, variant: FleetVariant = "initial"): FleetFiles {
        const key = `${n}-${variant}`;
        if (!this.fleets.has(key)) this.fleets.set(key, writeFleet(n, this.fleetDir, variant));
        return this.fleets.get(key)!;
    }

    /** Runs `pulumi ARGS` for a program on a fleet of n agents; fails loudly on a non-zero exit. */
    async pulumi(program: Program, n: number, args: string[], variant: FleetVariant = "initial"): Promise<Measured> {
        const m = await measure(this.env.pulumiPath, [...args, "--stack", STACK, "--non-interactive"], {
            cwd: program.dir,
            env: { ...this.env.env, ...program.inputs(this.fleet(n, variant)) },
        });
        if (m.status !== 0) {
            throw new Error(`pulumi ${args.join(" ")} (${program.name}, N=${n}) exited ${m.status}\n${m.stdout.slice(-4000)}\n${m.stderr.slice(-4000)}`);
        }
        const { seconds, peakMiB } = run(m);
        this.log(`  ${program.name} ${args[0]}${args.includes("--policy-pack") ? " +policy" : ""} N=${n}: ${seconds.toFixed(2)} s, ${peakMiB.toFixed(0)} MiB`);
        return m;
    }

    /** reps pairs of (a, b), measured back to back, a first in even repetitions and b first in odd ones. */
    async pairs(n: number, reps: number, a: () => Promise<Measured>, b: () => Promise<Measured>): Promise<Pair> {
        const pair: Pair = { n, objects: this.fleet(n).objectCount, a: [], b: [] };
        for (let rep = 0; rep < reps; rep++) {
            if (rep % 2 === 0) {
                pair.a.push(run(await a()));
                pair.b.push(run(await b()));
            } else {
                pair.b.push(run(await b()));
                pair.a.push(run(await a()));
            }
        }
        return pair;
    }

    preview(program: Program, n: number, extra: string[] = []) {
        return () => this.pulumi(program, n, ["preview", ...extra]);
    }

    /** `pulumi up` timed; the stack is destroyed again (untimed) so the next run starts from nothing. */
    up(program: Program, n: number) {
        return async () => {
            const m = await this.pulumi(program, n, ["up", "--yes", "--skip-preview"]);
            await this.pulumi(program, n, ["destroy", "--yes", "--skip-preview"]);
            return m;
        };
    }

    /**
     * `pulumi up` of a new stack, then a day-2 `pulumi up` with one field changed on every agent, each
     * timed until the API server shows the Deployments rolled out; then destroyed (untimed).
     */
    readiness(program: Program, n: number) {
        return async (): Promise<Readiness> => {
            const names = Array.from({ length: n }, (_, i) => agentName(i + 1));
            const timed = async (variant: FleetVariant, conditions: Condition[]) => {
                const watch = await DeploymentWatch.start(NAMESPACE);
                try {
                    watch.mark();
                    const m = await this.pulumi(program, n, ["up", "--yes", "--skip-preview"], variant);
                    const seconds = [];
                    for (const c of conditions) {
                        const s = await watch.waitFor(c, 180_000);
                        if (s === undefined) throw new Error(`${program.name} N=${n} ${variant}: the Deployments did not get there within 180 s of pulumi up`);
                        seconds.push(s);
                    }
                    return [m.wallSeconds, ...seconds];
                } finally {
                    watch.stop();
                }
            };
            const [up, deploymentsReady, atMinimum] = await timed("initial", [allRolledOut(names), allAtLeast(names, MIN_REPLICAS)]);
            const [day2Up, day2Rolled] = await timed("day2", [allRolledToNewSpec(names)]);
            this.log(`  ${program.name} N=${n}: ready ${deploymentsReady.toFixed(1)} s, at minimum ${atMinimum.toFixed(1)} s; day 2 rolled ${day2Rolled.toFixed(1)} s`);
            await this.pulumi(program, n, ["destroy", "--yes", "--skip-preview"]);
            await podsGone(NAMESPACE);
            return { up, deploymentsReady, atMinimum, day2Up, day2Rolled };
        };
    }
}

/**
 * Sets up the benchmark's stacks (one per program, in a throwaway Pulumi home and backend) and its
 * namespace, runs fn, and removes them all again.
 */
export async function withBench<T>(log: (line: string) => void, fn: (bench: Bench) => Promise<T>): Promise<T> {
    const env = new PulumiEnv();
    const bench = new Bench(env, log);
    try {
        linkPythonVenv(componentPy.dir);
        for (const p of PROGRAMS) env.stackInit(STACK, p.dir);
        kubectl(["apply", "-f", "-"], JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name: NAMESPACE } }));
        return await fn(bench);
    } finally {
        for (const p of PROGRAMS) env.stackRm(STACK, p.dir);
        fs.rmSync(path.join(componentPy.dir, "venv"), { force: true });
        kubectl(["delete", "namespace", NAMESPACE, "--ignore-not-found"]);
        env.cleanup();
    }
}

/** The figures, each measured by one part of the run; `--only` re-measures some of them. */
export const FIGURES = ["preview", "policy", "python", "up", "ready", "inProcess"] as const;
export type Figure = (typeof FIGURES)[number];
/** Figures with one row per N (what `--sizes` selects). */
const PER_N_FIGURES = ["preview", "up", "ready"] as const;

export async function runBench(opts: BenchOptions): Promise<Results> {
    const plan = opts.quick ? QUICK : FULL;
    const log = opts.log ?? ((line: string) => console.log(line));
    const only = opts.only ?? [...FIGURES];
    const previous: Results | undefined = opts.only ? JSON.parse(fs.readFileSync(path.join(opts.out, "performance.json"), "utf8")) : undefined;
    const loadBefore = os.loadavg();
    const planned: Record<(typeof PER_N_FIGURES)[number], number[]> = { preview: plan.previewSizes, up: plan.upSizes, ready: plan.readySizes };
    const sizes = (figure: keyof typeof planned) => (opts.sizes ? planned[figure].filter((n) => opts.sizes!.includes(n)) : planned[figure]);
    /** The figures measured per N that --sizes restricted. */
    const sized = opts.sizes ? PER_N_FIGURES.filter((f) => only.includes(f)) : [];
    for (const f of sized) {
        if (!sizes(f).length) throw new Error(`--sizes ${opts.sizes!.join(",")}: ${f} is measured at N = ${planned[f].join(", ")}`);
    }
    return withBench(log, async (bench) => {
        log("warm-up (untimed): one preview of each program");
        for (const p of PROGRAMS) await bench.pulumi(p, 1, ["preview"]);

        const measureFigure: { [F in Figure]: () => Promise<Results[F]> } = {
            preview: async () => {
                const preview: Pair[] = [];
                for (const n of sizes("preview")) {
                    log(`preview N=${n}: component vs baseline`);
                    preview.push(await bench.pairs(n, plan.previewReps(n), bench.preview(componentTs, n), bench.preview(baselineTs, n)));
                }
                return preview;
            },
            policy: async () => {
                log(`preview N=${plan.policySize}: with vs without the policy pack`);
                const policyPack = ["--policy-pack", path.join(repoRoot, "policy-pack")];
                return bench.pairs(plan.policySize, plan.pairReps, bench.preview(componentTs, plan.policySize, policyPack), bench.preview(componentTs, plan.policySize));
            },
            python: async () => {
                log(`preview N=${plan.pythonSize}: Python through the plugin vs TypeScript`);
                return bench.pairs(plan.pythonSize, plan.pairReps, bench.preview(componentPy, plan.pythonSize), bench.preview(componentTs, plan.pythonSize));
            },
            up: async () => {
                const up: Pair[] = [];
                for (const n of sizes("up")) {
                    log(`up N=${n}: component vs baseline`);
                    up.push(await bench.pairs(n, plan.upReps, bench.up(componentTs, n), bench.up(baselineTs, n)));
                }
                return up;
            },
            ready: async () => {
                const ready: ReadinessPair[] = [];
                for (const n of sizes("ready")) {
                    log(`time to ready N=${n}: component vs baseline`);
                    const pair: ReadinessPair = { n, objects: bench.fleet(n).objectCount, a: [], b: [] };
                    for (let rep = 0; rep < plan.readyReps; rep++) {
                        // Alternating order, as for the other pairs.
                        const runs: ["a" | "b", Program][] = [
                            ["a", componentTs],
                            ["b", baselineTs],
                        ];
                        if (rep % 2 === 1) runs.reverse();
                        for (const [side, program] of runs) pair[side].push(await bench.readiness(program, n)());
                    }
                    ready.push(pair);
                }
                return ready;
            },
            inProcess: async () => {
                log("in process: validations and renders per second, render of a fleet file");
                const { validatePerSecond, renderPerSecond } = specThroughput(plan.throughputSeconds);
                const file = bench.fleet(plan.renderSize);
                const runs: Run[] = [];
                for (let i = 0; i < plan.renderReps; i++) {
                    const m = await measure(process.execPath, [path.join(repoRoot, "provider/bin/cli/main.js"), "render", file.yaml], { cwd: repoRoot, env: bench.env.env });
                    if (m.status !== 0) throw new Error(`render exited ${m.status}: ${m.stderr}`);
                    runs.push(run(m));
                }
                return { validatePerSecond, renderPerSecond, renderFile: { agents: plan.renderSize, objects: file.objectCount, runs } };
            },
        };
        const measured: Partial<Results> = {};
        for (const f of FIGURES) if (only.includes(f)) (measured as any)[f] = await measureFigure[f]();
        // --sizes: the rows of the other N stay as they were.
        for (const f of sized) {
            if (!measured[f] || !previous?.[f]) continue;
            const kept = (previous[f] as { n: number }[]).filter((p) => !sizes(f).includes(p.n));
            (measured as any)[f] = [...kept, ...(measured[f] as { n: number }[])].sort((a, b) => a.n - b.n);
        }

        const date = new Date().toISOString();
        const results: Results = {
            ...(previous ?? {}),
            ...(measured as Results),
            date: previous?.date ?? date,
            remeasured: previous ? { ...previous.remeasured, ...Object.fromEntries(only.map((f) => [f, date])) } : undefined,
            remeasuredSizes: previous
                ? {
                      ...Object.fromEntries(Object.entries(previous.remeasuredSizes ?? {}).filter(([f]) => !only.includes(f as Figure))),
                      ...Object.fromEntries(sized.map((f) => [f, sizes(f)])),
                  }
                : undefined,
            quick: opts.quick,
            machine: previous?.machine ?? {
                cpus: os.cpus()[0]?.model ?? "unknown",
                cores: os.cpus().length,
                memoryGiB: Math.round(os.totalmem() / 2 ** 30),
                os: `${os.type()} ${os.release()}`,
                node: process.version,
                loadBefore,
            },
            versions: versions(),
            sampleMs: SAMPLE_MS,
        };
        writeReport(results, opts.out);
        return results;
    });
}

function parseArgs(argv: string[]): BenchOptions {
    const quick = argv.includes("--quick");
    const onlyAt = argv.indexOf("--only");
    const only = onlyAt >= 0 ? (argv[onlyAt + 1].split(",") as Figure[]) : undefined;
    for (const f of only ?? []) if (!FIGURES.includes(f)) throw new Error(`--only: unknown figure ${f} (one of ${FIGURES.join(", ")})`);
    const sizesAt = argv.indexOf("--sizes");
    const sizes = sizesAt >= 0 ? argv[sizesAt + 1].split(",").map(Number) : undefined;
    if (sizes && (!only || sizes.some((n) => !Number.isInteger(n) || n < 1))) throw new Error("--sizes takes N values (e.g. 100,500) and needs --only");
    const outAt = argv.indexOf("--out");
    const out = outAt >= 0 ? path.resolve(argv[outAt + 1]) : quick ? fs.mkdtempSync(path.join(os.tmpdir(), "omnia-bench-")) : path.join(repoRoot, "docs");
    return { quick, out, only, sizes };
}

async function main() {
    const opts = parseArgs(process.argv.slice(2));
    const load = os.loadavg()[0];
    if (load > 0.5) console.warn(`warning: load average ${load.toFixed(2)}: the figures are only comparable on a quiet machine`);
    clusterUp();
    try {
        await runBench(opts);
        console.log(`results: ${opts.out}/performance.md, performance.json, performance-preview.svg`);
    } finally {
        if (process.env.OMNIA_BENCH_KEEP_CLUSTER !== "1") clusterDown();
    }
}

if (require.main === module) {
    main().catch((e) => {
        console.error(e instanceof Error ? e.message : e);
        process.exit(1);
    });
}
