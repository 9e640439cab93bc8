// Issue 17: kube-score v1.20.0, an independent linter, finds no CRITICAL problem in the objects the
// package renders, beyond a short list of deliberate exceptions, each with its reason.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { EXCEPTIONS, exceptionFor } from "./exceptions";
import { CRITICAL, type Finding, kubeScoreBin, score } from "./kubeScore";
import { matrix, type MatrixCase, yamlExample } from "./matrix";

const README = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
const show = (f: Finding) => `${f.object} ${f.check} (${f.container || "-"}): ${f.summary}`;

describe("kube-score v1.20.0 on the rendered objects", function () {
    // The first run builds kube-score from the module proxy (scripts/kube-score, cached outside the clone).
    this.timeout(15 * 60 * 1000);
    const cases: MatrixCase[] = [yamlExample(), ...matrix()];
    /** Each case's CRITICAL findings, scored once. */
    const critical = new Map<string, Finding[]>();
    before(() => {
        kubeScoreBin();
        for (const c of cases)
            critical.set(
                c.name,
                score(c.objects).filter((f) => f.grade === CRITICAL),
            );
    });

    it("is the pinned release", () => {
        assert.match(execFileSync(kubeScoreBin(), ["version"], { encoding: "utf8" }), /^kube-score version: v1\.20\.0,/);
    });

    for (const c of cases) {
        it(`${c.name}: no CRITICAL finding beyond the documented exceptions`, () => {
            assert.deepEqual(
                critical
                    .get(c.name)!
                    .filter((f) => !exceptionFor(f))
                    .map(show),
                [],
            );
        });
    }

    it("needs every exception: each covers a finding of the matrix", () => {
        const used = new Set([...critical.values()].flat().map(exceptionFor));
        assert.deepEqual(
            EXCEPTIONS.filter((e) => !used.has(e)).map((e) => `${e.check}: ${e.summary}`),
            [],
        );
    });

    it("finds what it is there to find: the agent with its hardening taken out has the CRITICAL findings the operator's objects have", () => {
        const objects = matrix()[0].objects.filter((o) => o.kind !== "NetworkPolicy" && o.kind !== "PodDisruptionBudget");
        const deployment: any = objects.find((o) => o.kind === "Deployment");
        const pod = deployment.spec.template.spec;
        for (const c of [...pod.initContainers, ...pod.containers]) {
            for (const list of ["requests", "limits"]) delete c.resources[list]["ephemeral-storage"];
            c.livenessProbe = c.readinessProbe;
        }
        const checks = new Set(
            score(objects)
                .filter((f) => f.grade === CRITICAL && !exceptionFor(f))
                .map((f) => f.check),
        );
        assert.deepEqual([...checks].sort(), ["container-ephemeral-storage-request-and-limit", "deployment-has-poddisruptionbudget", "pod-networkpolicy", "pod-probes-identical"]);
    });

    it("the README's hardening section lists exactly these exceptions", () => {
        const rows = README.split("\n").filter((l) => /^\| `[a-z-]+` \| /.test(l) && l.includes("kube-score:"));
        assert.deepEqual(
            rows.map((r) =>
                r
                    .split("|")
                    .slice(1, 3)
                    .map((cell) => cell.trim()),
            ),
            EXCEPTIONS.map((e) => [`\`${e.check}\``, `kube-score: ${e.summary}`]),
        );
        for (const e of EXCEPTIONS)
            assert.ok(
                rows.some((r) => r.includes(e.reason)),
                `${e.check}: the README gives the same reason`,
            );
    });
});
