// Time to ready, observed on the API server rather than in Pulumi's output: a `kubectl get
// deployments --watch` of the benchmark's namespace runs while `pulumi up` does, and every version of
// every Deployment it serves is stamped on arrival.
import { type ChildProcess, spawn } from "child_process";
import * as path from "path";
import { ensureToolchain, kubeconfigPath, kubectl } from "../tests/e2e/pulumiEnv";

/** What the watch keeps of one version of a Deployment. */
export interface DeploymentState {
    name: string;
    generation: number;
    observedGeneration: number;
    /** spec.replicas */
    wanted: number;
    /** status.replicas: pods of every ReplicaSet, old ones included. */
    pods: number;
    updated: number;
    ready: number;
}

const FIELDS = ["metadata.name", "metadata.generation", "status.observedGeneration", "spec.replicas", "status.replicas", "status.updatedReplicas", "status.readyReplicas"];
const TEMPLATE = FIELDS.map((f) => `{.${f}}`).join(",") + "{'\\n'}";

function parseLine(line: string): DeploymentState | undefined {
    const [name, ...numbers] = line.split(",");
    if (!name || numbers.length !== FIELDS.length - 1) return undefined;
    const [generation, observedGeneration, wanted, pods, updated, ready] = numbers.map((n) => Number(n || 0));
    return { name, generation, observedGeneration, wanted, pods, updated, ready };
}

/** Rolled out as `kubectl rollout status` means it: the controller saw the spec, every pod is new and ready, no old pod is left. */
export function rolledOut(d: DeploymentState): boolean {
    return d.observedGeneration >= d.generation && d.updated === d.wanted && d.ready === d.wanted && d.pods === d.wanted;
}

/** Latest state per Deployment; `before`: the state each had when the timed command started. */
export type Condition = (latest: Map<string, DeploymentState>, before: Map<string, DeploymentState>) => boolean;

/** Every one of names is rolled out. */
export const allRolledOut =
    (names: string[]): Condition =>
    (latest) =>
        names.every((n) => latest.has(n) && rolledOut(latest.get(n)!));
/** Every one of names runs at least `minimum` ready pods. */
export const allAtLeast =
    (names: string[], minimum: number): Condition =>
    (latest) =>
        names.every((n) => (latest.get(n)?.ready ?? 0) >= minimum);
/** Every one of names has a new spec (a new generation) and is rolled out. */
export const allRolledToNewSpec =
    (names: string[]): Condition =>
    (latest, before) =>
        names.every((n) => latest.has(n) && latest.get(n)!.generation > (before.get(n)?.generation ?? 0) && rolledOut(latest.get(n)!));

export class DeploymentWatch {
    private readonly lines: { at: bigint; state: DeploymentState }[] = [];
    private readonly child: ChildProcess;
    private pending = "";
    private start = 0n;

    private constructor(readonly namespace: string) {
        const kc = kubeconfigPath();
        this.child = spawn(path.join(ensureToolchain(), "kubectl"), ["--kubeconfig", kc, "get", "deployments", "-n", namespace, "--watch", "-o", `jsonpath=${TEMPLATE}`], {
            env: { ...process.env, KUBECONFIG: kc },
            stdio: ["ignore", "pipe", "ignore"],
        });
        this.child.stdout!.on("data", (chunk: Buffer) => {
            const at = process.hrtime.bigint();
            const text = this.pending + chunk.toString("utf8");
            const complete = text.split("\n");
            this.pending = complete.pop()!;
            for (const line of complete) {
                const state = parseLine(line.trim());
                if (state) this.lines.push({ at, state });
            }
        });
    }

    /** Starts the watch and gives it time to list what exists (one line per Deployment, none for an empty namespace). */
    static async start(namespace: string): Promise<DeploymentWatch> {
        const w = new DeploymentWatch(namespace);
        const existing = kubectl(["get", "deployments", "-n", namespace, "-o", "name"]).split("\n").filter(Boolean).length;
        const until = Date.now() + 30_000;
        do await sleep(200);
        while (Date.now() < until && new Set(w.lines.map((l) => l.state.name)).size < existing);
        await sleep(existing ? 0 : 1000);
        return w;
    }

    /** The timed command starts now. */
    mark(): void {
        this.start = process.hrtime.bigint();
    }

    /** Seconds from mark() until the condition first held on the API server, or undefined if it has not (yet). */
    secondsUntil(condition: Condition): number | undefined {
        const latest = new Map<string, DeploymentState>();
        const before = new Map<string, DeploymentState>();
        for (const { at, state } of this.lines) {
            latest.set(state.name, state);
            if (at <= this.start) before.set(state.name, state);
            else if (condition(latest, before)) return Number(at - this.start) / 1e9;
        }
        return undefined;
    }

    /** Waits up to timeoutMs after the command for the condition (the autoscalers may act after `pulumi up` returned). */
    async waitFor(condition: Condition, timeoutMs: number): Promise<number | undefined> {
        const until = Date.now() + timeoutMs;
        let s = this.secondsUntil(condition);
        while (s === undefined && Date.now() < until) {
            await sleep(250);
            s = this.secondsUntil(condition);
        }
        return s;
    }

    stop(): void {
        this.child.kill();
    }
}

/** Waits until the namespace has no pods left (a destroy returns before kwok has removed them). */
export async function podsGone(namespace: string, timeoutMs = 120_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (kubectl(["get", "pods", "-n", namespace, "-o", "name"]).trim() && Date.now() < until) await sleep(500);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
