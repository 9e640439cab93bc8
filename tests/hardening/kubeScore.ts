// Runs kube-score (pinned and built by scripts/kube-score) on Kubernetes objects and reads its findings.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import type { KubeObject } from "../../provider/src/render";

const SCRIPT = path.join(__dirname, "../../scripts/kube-score");
/** The API version kube-score judges against: the local control plane's (toolchain/versions.env). */
const KUBERNETES_VERSION = "v1.36";
/** kube-score grades: 1 critical, 5 warning, 7 almost OK, 10 OK. */
export const CRITICAL = 1;
export const OK = 10;

export interface Finding {
    /** `Kind/namespace/name`. */
    object: string;
    /** kube-score check id, e.g. `pod-networkpolicy`. */
    check: string;
    grade: number;
    /** The container the comment is about ("" for the object). */
    container: string;
    summary: string;
}

let bin: string | undefined;
/** The kube-score binary; the first call builds it (about 35 s cold; cached outside the clone). */
export function kubeScoreBin(): string {
    bin ??= execFileSync(SCRIPT, ["--print-bin"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
    return bin;
}

/**
 * Every finding below OK of every check kube-score runs by default, plus the optional seccomp check
 * (the pack has the same rule). `kube-score/ignore` annotations are disabled: nothing hides a finding.
 */
export function score(objects: KubeObject[]): Finding[] {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kube-score-"));
    try {
        const file = path.join(dir, "objects.yaml");
        fs.writeFileSync(file, objects.map((o) => stringify(o)).join("---\n"));
        const args = [
            "score",
            "-o",
            "json",
            "--kubernetes-version",
            KUBERNETES_VERSION,
            "--enable-optional-test",
            "container-seccomp-profile",
            "--disable-ignore-checks-annotations",
            file,
        ];
        const result = spawnSync(kubeScoreBin(), args, { encoding: "utf8" });
        // Exit 1 means "critical findings": the JSON is complete; anything else is a failure to score.
        if (result.status !== 0 && result.status !== 1) throw new Error(`kube-score failed (${result.status}): ${result.stderr}`);
        return findings(JSON.parse(result.stdout));
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

interface ScoredObject {
    type_meta: { kind: string };
    object_meta: { name: string; namespace?: string };
    checks: { check: { id: string }; grade: number; skipped: boolean; comments: { path: string; summary: string }[] | null }[];
}

function findings(scored: ScoredObject[]): Finding[] {
    return scored.flatMap((o) => {
        const object = `${o.type_meta.kind}/${o.object_meta.namespace ?? "default"}/${o.object_meta.name}`;
        return o.checks
            .filter((c) => !c.skipped && c.grade < OK)
            .flatMap((c) =>
                (c.comments?.length ? c.comments : [{ path: "", summary: "" }]).map((comment) => ({
                    object,
                    check: c.check.id,
                    grade: c.grade,
                    container: comment.path,
                    summary: comment.summary,
                })),
            );
    });
}
