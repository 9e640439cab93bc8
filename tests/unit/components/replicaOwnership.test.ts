import { strict as assert } from "assert";
import { PATCH_FORCE_ANNOTATION, replicaIgnoreChanges, startReplicas, withReplicaOwnership } from "../../../provider/src/components/replicaOwnership";
import { validateDocument } from "../../../provider/src/spec";

const spec = (runtime: object) =>
    validateDocument("AgentRuntime", "a", { metadata: { namespace: "agents" }, spec: { promptPackRef: { name: "p" }, facade: { handler: "echo" }, runtime } }).spec;

const rendered = (annotations?: Record<string, string>): any => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "a", namespace: "agents", labels: { app: "a" }, ...(annotations ? { annotations } : {}) },
    spec: { selector: { matchLabels: { app: "a" } }, template: {} },
});

describe("replica ownership of the agent's Deployment", () => {
    it("autoscaling off: runtime.replicas, forced, no ignoreChanges", () => {
        const s = spec({ replicas: 3 });
        assert.equal(startReplicas(s), 3);
        assert.deepEqual(withReplicaOwnership(rendered({ note: "x" }), s), {
            ...rendered(),
            metadata: { ...rendered().metadata, annotations: { note: "x", [PATCH_FORCE_ANNOTATION]: "true" } },
            spec: { ...rendered().spec, replicas: 3 },
        });
        assert.deepEqual(replicaIgnoreChanges(s), []);
    });

    it("hpa: starts at minReplicas (runtime.replicas ignored), never forced, the count ignored afterwards", () => {
        const s = spec({ replicas: 5, autoscaling: { enabled: true, type: "hpa", minReplicas: 2, maxReplicas: 6 } });
        assert.equal(startReplicas(s), 2);
        assert.deepEqual(withReplicaOwnership(rendered(), s), { ...rendered(), spec: { ...rendered().spec, replicas: 2 } });
        assert.deepEqual(replicaIgnoreChanges(s), ["spec.replicas"]);
    });

    it("keda with minReplicas 0: starts at one pod, not at zero nor at the API server's default", () => {
        const s = spec({ autoscaling: { enabled: true, type: "keda", minReplicas: 0, maxReplicas: 3 } });
        assert.equal(startReplicas(s), 1);
        assert.deepEqual(replicaIgnoreChanges(s), ["spec.replicas"]);
    });

    it("drops a pulumi.com/patchForce copied from the agent's annotations under an autoscaler, keeps the others", () => {
        const s = spec({ autoscaling: { enabled: true, type: "keda", minReplicas: 1, maxReplicas: 3 } });
        const d = withReplicaOwnership(rendered({ [PATCH_FORCE_ANNOTATION]: "true", team: "support" }), s);
        assert.deepEqual(d.metadata.annotations, { team: "support" });
        assert.deepEqual(withReplicaOwnership(rendered({ [PATCH_FORCE_ANNOTATION]: "true" }), s).metadata, rendered().metadata);
    });
});
