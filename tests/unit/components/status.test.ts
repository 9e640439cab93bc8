import { strict as assert } from "assert";
import { agentStatus, type LiveState } from "../../../provider/src/components/status";

const live = (change: (l: LiveState) => void = () => {}): LiveState => {
    const l: LiveState = {
        deployment: { spec: { replicas: 2 }, status: { replicas: 2, readyReplicas: 2, availableReplicas: 2 } },
        service: { spec: { clusterIP: "198.51.100.7" } },
        promptPack: { name: "prompts", version: "2.1.0" },
        provider: { name: "claude", namespace: "agents" },
        toolRegistry: { name: "tools", namespace: "agents" },
        handler: "runtime",
    };
    change(l);
    return l;
};
const conditions = (l: LiveState) => Object.fromEntries(agentStatus(l).conditions.map((c) => [c.type, `${c.status}/${c.reason}`]));

describe("agentStatus", () => {
    it("is Running and Ready when every replica is ready", () => {
        const s = agentStatus(live());
        assert.equal(s.phase, "Running");
        assert.deepEqual(s.replicas, { desired: 2, ready: 2, available: 2 });
        assert.deepEqual(conditions(live()), {
            Ready: "True/AllReady",
            DeploymentReady: "True/ReplicasReady",
            ServiceReady: "True/ClusterIPAssigned",
            PromptPackReady: "True/Resolved",
            ProviderReady: "True/Resolved",
            ToolRegistryReady: "True/Resolved",
        });
    });

    it("is Running but not Ready while some replicas are not ready", () => {
        const l = live((x) => (x.deployment.status!.readyReplicas = 1));
        assert.equal(agentStatus(l).phase, "Running");
        assert.equal(conditions(l).DeploymentReady, "False/ReplicasNotReady");
        assert.equal(agentStatus(l).conditions[0].message, "not ready: DeploymentReady");
    });

    it("is Pending with no ready replica", () => {
        const l = live((x) => (x.deployment.status = { replicas: 2 }));
        assert.equal(agentStatus(l).phase, "Pending");
        assert.equal(conditions(l).Ready, "False/NotReady");
    });

    it("is Failed when the rollout exceeded its deadline", () => {
        const l = live(
            (x) =>
                (x.deployment.status = {
                    replicas: 2,
                    conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: "ReplicaSet has timed out progressing." }],
                }),
        );
        assert.equal(agentStatus(l).phase, "Failed");
        assert.equal(conditions(l).DeploymentReady, "False/ProgressDeadlineExceeded");
    });

    it("reports the autoscaler when there is one, and no provider or registry for echo", () => {
        const l = live((x) => {
            x.autoscaler = "ScaledObject";
            x.handler = "echo";
            x.provider = undefined;
            x.toolRegistry = undefined;
        });
        assert.equal(conditions(l).AutoscalingReady, "True/Created");
        assert.equal(conditions(l).ProviderReady, "True/NotRequired");
        assert.equal(conditions(l).ToolRegistryReady, "True/NotConfigured");
    });

    it("is not Ready without a cluster IP", () => {
        assert.equal(conditions(live((x) => (x.service = {}))).ServiceReady, "False/NoClusterIP");
    });
});
