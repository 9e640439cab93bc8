// Issue 17: where the policy pack checks the property a kube-score check checks, both say the same of
// the same objects: the matrix as rendered, and with each property broken in turn.
import { strict as assert } from "assert";
import type { KubeObject } from "../../provider/src/render";
import { PROD } from "../policy-pack/fixtures";
import { policy, run, typeToken } from "../policy-pack/harness";
import { exceptionFor } from "./exceptions";
import { kubeScoreBin, score } from "./kubeScore";
import { matrix } from "./matrix";

interface Pair {
    rule: string;
    check: string;
    /** The part of the rule's messages about the property kube-score checks (the rule may check more). */
    property?: RegExp;
    /** Why a case cannot be compared, if it cannot. */
    skip?: (objects: KubeObject[]) => string | undefined;
}

/**
 * The pairs that judge the same property. Not paired: container-run-as-non-root (kube-score asks for
 * uid and gid above 10000, a different rule; ours are 65532) and kube-score's pod-probes (a readiness
 * probe on some container of the pod; the pack asks both probes of every container).
 */
const PAIRS: Pair[] = [
    { rule: "container-resources-bounded", check: "container-resources" },
    { rule: "container-ephemeral-storage-bounded", check: "container-ephemeral-storage-request-and-limit", property: /ephemeral-storage: not set/ },
    { rule: "container-image-pinned", check: "container-image-tag" },
    { rule: "container-no-privilege-escalation", check: "container-security-context-privileged", property: /privileged: true/ },
    { rule: "container-seccomp-profile", check: "container-seccomp-profile" },
    { rule: "container-probes", check: "pod-probes-identical", property: /same request/ },
    { rule: "deployment-pod-disruption-budget", check: "deployment-has-poddisruptionbudget" },
    {
        rule: "autoscaled-deployment-no-replicas",
        check: "deployment-targeted-by-hpa-does-not-have-replicas-configured",
        skip: (objects) => (objects.some((o) => o.kind === "ScaledObject") ? "kube-score does not know KEDA's ScaledObject" : undefined),
    },
    { rule: "workload-network-policy", check: "pod-networkpolicy" },
];

const deployment = (objects: KubeObject[]) => objects.find((o) => o.kind === "Deployment") as any;
const pod = (objects: KubeObject[]) => deployment(objects).spec.template.spec;
const facade = (objects: KubeObject[]) => pod(objects).containers[0];
const remove = (objects: KubeObject[], kind: string) =>
    objects.splice(
        objects.findIndex((o) => o.kind === kind),
        1,
    );

/** One property broken at a time. */
const MUTATIONS: Record<string, (objects: KubeObject[]) => void> = {
    "as rendered": () => {},
    "a container without resources": (o) => delete (pod(o).initContainers?.[0] ?? facade(o)).resources,
    "the facade without a memory limit": (o) => delete facade(o).resources.limits.memory,
    "the facade without ephemeral storage": (o) => {
        delete facade(o).resources.requests["ephemeral-storage"];
        delete facade(o).resources.limits["ephemeral-storage"];
    },
    "the facade image on latest": (o) => (facade(o).image = "ghcr.io/altairalabs/omnia-agent:latest"),
    "a privileged facade": (o) => (facade(o).securityContext.privileged = true),
    "no seccomp profile": (o) => delete pod(o).securityContext.seccompProfile,
    "the facade's liveness the same as its readiness": (o) => (facade(o).livenessProbe = facade(o).readinessProbe),
    "no PodDisruptionBudget": (o) => o.some((x) => x.kind === "PodDisruptionBudget") && remove(o, "PodDisruptionBudget"),
    "replicas under the autoscaler": (o) => (deployment(o).spec.replicas = 3),
    "no NetworkPolicy": (o) => remove(o, "NetworkPolicy"),
    "an ingress-only NetworkPolicy": (o) => {
        const spec = (o.find((x) => x.kind === "NetworkPolicy") as any).spec;
        delete spec.policyTypes;
        delete spec.egress;
    },
};

/** Whether the pack's rule reports the property on these objects (production stack). */
function packSays(pair: Pair, objects: KubeObject[]): boolean {
    const resources = objects.map((o) => ({ type: typeToken(o), name: o.metadata.name, props: JSON.parse(JSON.stringify(o)) }));
    // A resource rule runs on each object; a stack rule once on all of them.
    const perObject = "validateResource" in policy(pair.rule);
    const violations = perObject ? resources.flatMap((r) => run(pair.rule, r, PROD).violations) : run(pair.rule, resources, PROD).violations;
    return violations.some((v) => !pair.property || pair.property.test(v));
}

describe("the policy pack and kube-score agree on the properties both check", function () {
    this.timeout(15 * 60 * 1000);
    before(() => kubeScoreBin());

    for (const c of matrix()) {
        for (const [mutation, change] of Object.entries(MUTATIONS)) {
            it(`${c.name}, ${mutation}`, function () {
                const objects: KubeObject[] = JSON.parse(JSON.stringify(c.objects));
                change(objects);
                // Below OK (a warning counts: kube-score warns on an ingress-only policy, the pack refuses it), exceptions aside.
                const flagged = new Set(
                    score(objects)
                        .filter((f) => !exceptionFor(f))
                        .map((f) => f.check),
                );
                const disagreements = PAIRS.filter((p) => !p.skip?.(objects)).flatMap((p) => {
                    const pack = packSays(p, objects);
                    const kubeScore = flagged.has(p.check);
                    return pack === kubeScore ? [] : [`${p.rule} says ${pack ? "violation" : "fine"}, kube-score ${p.check} says ${kubeScore ? "violation" : "fine"}`];
                });
                assert.deepEqual(disagreements, []);
            });
        }
    }

    it("compares something: every pair is violated by some mutation of the matrix", () => {
        const broken = new Set<string>();
        for (const c of matrix()) {
            for (const change of Object.values(MUTATIONS)) {
                const objects: KubeObject[] = JSON.parse(JSON.stringify(c.objects));
                change(objects);
                for (const p of PAIRS) if (!p.skip?.(objects) && packSays(p, objects)) broken.add(p.rule + " / " + p.check);
            }
        }
        assert.deepEqual(
            PAIRS.map((p) => p.rule + " / " + p.check).filter((p) => !broken.has(p)),
            [],
        );
    });
});
