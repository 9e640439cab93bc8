// The whole pack on what the component makes: its inputs plus every rendered Kubernetes object.
import { strict as assert } from "assert";
import { productionRefs, productionSpec } from "../unit/fixtures";
import { demoSpec, productionGradeSpec } from "./fixtures";
import { agentResources, runAll } from "./harness";

describe("policy pack: the objects the AgentRuntime component renders", () => {
    it("a production-grade agent passes every rule, mandatory and advisory, in a production stack", () => {
        assert.deepEqual(runAll(agentResources(productionGradeSpec(), productionRefs()), { name: "prod" }), []);
    });

    it("a production-grade agent passes every rule in a dev stack too", () => {
        assert.deepEqual(runAll(agentResources(productionGradeSpec(), productionRefs()), { name: "dev" }), []);
    });

    it("the production example as written runs one pod at idle (KEDA minReplicas 1): the one production violation", () => {
        assert.deepEqual(runAll(agentResources(productionSpec(), productionRefs()), { name: "prod" }), [
            {
                policy: "agent-replicas-redundant",
                level: "mandatory",
                message: "spec.runtime.autoscaling.minReplicas: 1 is below 2; the agent would run a single pod",
            },
        ]);
    });

    it("the demo agent in a production stack gets exactly the expected mandatory violations", () => {
        const violations = runAll(agentResources(demoSpec(), productionRefs()), { name: "prod" });
        assert.deepEqual(
            violations.filter((v) => v.level === "mandatory").map(({ policy, message }) => ({ policy, message })),
            [
                { policy: "agent-session-durable", message: 'spec.session.type: "memory" is not durable; use redis or postgres' },
                {
                    policy: "agent-provider-ref",
                    message: 'spec.provider: inline provider of type "claude" is not allowed; reference a Provider with spec.providerRef',
                },
                { policy: "agent-handler-runtime", message: 'spec.facade.handler: "echo" is a test handler; use "runtime"' },
                { policy: "agent-prompt-pack-pinned", message: 'spec.promptPackRef.version: not set (follows track "stable"); pin an exact version' },
                {
                    policy: "agent-replicas-redundant",
                    message: "spec.runtime.replicas: unset (defaults to 1) is below 2 and autoscaling is off; one pod is a single point of failure",
                },
                { policy: "agent-resources-bounded", message: "spec.runtime.resources: not set; set requests.cpu, requests.memory and limits.memory" },
            ],
        );
        // The rest is advice: the inline provider names no model.
        assert.deepEqual(
            violations.filter((v) => v.level !== "mandatory").map((v) => v.policy),
            ["agent-provider-explicit"],
        );
    });

    it("the demo agent in a dev stack gets the same findings, all advisory except the always-mandatory ones (none here)", () => {
        const violations = runAll(agentResources(demoSpec(), productionRefs()), { name: "dev" });
        assert.deepEqual(
            violations.filter((v) => v.level === "mandatory"),
            [],
        );
        assert.deepEqual(
            violations.map((v) => v.policy),
            [
                "agent-session-durable-nonprod",
                "agent-provider-ref-nonprod",
                "agent-provider-explicit",
                "agent-handler-runtime-nonprod",
                "agent-prompt-pack-pinned-nonprod",
                "agent-replicas-redundant-nonprod",
                "agent-resources-bounded-nonprod",
            ],
        );
    });
});
