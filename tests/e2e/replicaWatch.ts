// A watch on one Deployment that runs while a `pulumi up` does: every version of the object the API
// server serves (`kubectl get --watch`), so a test asserts the lowest count seen, not only the end state.
import { type ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ensureToolchain, jsonValues, kubeconfigPath } from "./pulumiEnv";

export interface ReplicaSample {
    /** metadata.generation: every change of spec.replicas makes a new one. */
    generation: number;
    /** spec.replicas (the API server's default 1 when nobody sets it). */
    replicas: number;
    /** status.readyReplicas (0 when absent). */
    ready: number;
}

/** Field managers that own spec.replicas of a live Deployment (`--show-managed-fields`). */
export function replicaManagers(d: any): string[] {
    return (d.metadata.managedFields ?? []).filter((m: any) => m.fieldsV1?.["f:spec"]?.["f:replicas"] !== undefined).map((m: any) => m.manager);
}

export class ReplicaWatch {
    private readonly file: string;
    private readonly child: ChildProcess;

    private constructor(
        readonly namespace: string,
        readonly name: string,
    ) {
        this.file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "omnia-watch-")), "events.json");
        const out = fs.openSync(this.file, "w");
        const kc = kubeconfigPath();
        // A list+watch of the namespace's Deployments filtered by name: it also sees a Deployment created later.
        // Output goes to a file, not a pipe: the test blocks in spawnSync while the watch runs.
        this.child = spawn(
            path.join(ensureToolchain(), "kubectl"),
            ["--kubeconfig", kc, "get", "deployments", "-n", namespace, "--field-selector", `metadata.name=${name}`, "--watch", "-o", "json"],
            { env: { ...process.env, KUBECONFIG: kc }, stdio: ["ignore", out, out] },
        );
        fs.closeSync(out);
    }

    /** Starts watching; resolves once the watch serves the current object (or, for one not created yet, after a grace period). */
    static async start(namespace: string, name: string, exists: boolean): Promise<ReplicaWatch> {
        const w = new ReplicaWatch(namespace, name);
        const end = Date.now() + (exists ? 30_000 : 2_000);
        while (Date.now() < end && (!exists || w.samples().length === 0)) await new Promise((r) => setTimeout(r, 100));
        if (exists && w.samples().length === 0) throw new Error(`the watch on deployment ${namespace}/${name} served nothing: ${fs.readFileSync(w.file, "utf8")}`);
        return w;
    }

    /** Every version of the Deployment seen so far, in order. */
    samples(): ReplicaSample[] {
        return jsonValues(fs.readFileSync(this.file, "utf8"))
            .filter((o: any) => o?.kind === "Deployment")
            .map((d: any) => ({
                generation: d.metadata.generation,
                replicas: d.spec.replicas,
                ready: d.status?.readyReplicas ?? 0,
            }));
    }

    /** Stops the watch after the last change has had time to arrive; returns every sample. */
    async stop(): Promise<ReplicaSample[]> {
        await new Promise((r) => setTimeout(r, 1000));
        this.child.kill();
        const samples = this.samples();
        fs.rmSync(path.dirname(this.file), { recursive: true, force: true });
        return samples;
    }
}

/** The distinct spec.replicas values in the order they were seen (e.g. [4, 3]: straight from 4 to 3). */
export function replicaPath(samples: ReplicaSample[]): number[] {
    return samples.map((s) => s.replicas).filter((r, i, all) => i === 0 || all[i - 1] !== r);
}
