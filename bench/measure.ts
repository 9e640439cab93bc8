// Runs a command and measures its wall time and the peak memory of its whole process tree (the
// Pulumi CLI, language host, program, provider plugins, policy pack), sampled from /proc.
import { spawn } from "child_process";
import * as fs from "fs";

export interface Measured {
    wallSeconds: number;
    /** Highest sum over the process tree of each process's proportional set size (PSS), in bytes. */
    peakBytes: number;
    status: number;
    stdout: string;
    stderr: string;
}

/** Sampling period of the tree's memory; shorter-lived peaks can be missed. */
export const SAMPLE_MS = 100;

function parentOf(pid: string): string | undefined {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        // "pid (comm) state ppid ...": comm may contain spaces and parentheses.
        return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1];
    } catch {
        return undefined; // exited meanwhile
    }
}

/** PSS in bytes (shared pages split among their users, so the sum over processes is meaningful). */
function pssBytes(pid: string): number {
    try {
        const m = /^Pss:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
        return m ? Number(m[1]) * 1024 : 0;
    } catch {
        return 0;
    }
}

/** The memory of root and all its descendants now. */
export function treeBytes(root: number): number {
    const children = new Map<string, string[]>();
    for (const pid of fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
        const ppid = parentOf(pid);
        if (ppid) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    }
    let total = 0;
    const stack = [String(root)];
    while (stack.length) {
        const pid = stack.pop()!;
        total += pssBytes(pid);
        stack.push(...(children.get(pid) ?? []));
    }
    return total;
}

export function measure(command: string, args: string[], opts: { cwd: string; env: Record<string, string>; timeoutMs?: number }): Promise<Measured> {
    return new Promise((resolve, reject) => {
        const start = process.hrtime.bigint();
        const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"] });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on("data", (b) => out.push(b));
        child.stderr.on("data", (b) => err.push(b));
        let peakBytes = 0;
        const sample = () => (peakBytes = Math.max(peakBytes, treeBytes(child.pid!)));
        const sampler = setInterval(sample, SAMPLE_MS);
        const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 30 * 60 * 1000);
        child.on("error", reject);
        child.on("close", (code, signal) => {
            const wallSeconds = Number(process.hrtime.bigint() - start) / 1e9;
            clearInterval(sampler);
            clearTimeout(timer);
            resolve({
                wallSeconds,
                peakBytes,
                status: code ?? (signal ? 128 : -1),
                stdout: Buffer.concat(out).toString("utf8"),
                stderr: Buffer.concat(err).toString("utf8"),
            });
        });
    });
}
