// Production detection and the mandatory/advisory twins: the same check, a different level per stack.
import { strict as assert } from "assert";
import { isProductionStack } from "../../policy-pack/production";
import { policies, rules } from "../../policy-pack/policies";
import { agentInputs, demoSpec } from "./fixtures";
import { run, runAll } from "./harness";

const tags = (t: Record<string, string>) => new Map(Object.entries(t));

describe("policy pack: production detection", () => {
    const names: Array<[string, boolean]> = [
        ["prod", true],
        ["production", true],
        ["prod-eu-west", true],
        ["production-2", true],
        ["dev", false],
        ["staging", false],
        ["preprod", false],
        ["product", false],
        ["prodigy", false],
        ["", false],
    ];
    for (const [name, expected] of names) {
        it(`stack ${JSON.stringify(name)} is ${expected ? "" : "not "}production by name`, () => {
            assert.equal(isProductionStack(tags({}), {}, name), expected);
        });
    }

    it("a stack tagged environment=production is production whatever its name", () => {
        assert.equal(isProductionStack(tags({ environment: "production" }), {}, "eu-1"), true);
        assert.equal(isProductionStack(tags({ environment: "staging" }), {}, "eu-1"), false);
    });

    it("takes the pattern and the tag key from the policy config", () => {
        assert.equal(isProductionStack(tags({}), { productionStackPattern: "^live$" }, "live"), true);
        assert.equal(isProductionStack(tags({}), { productionStackPattern: "^live$" }, "prod"), false);
        assert.equal(isProductionStack(tags({ stage: "production" }), { productionTagKey: "stage" }, "eu-1"), true);
        assert.equal(isProductionStack(tags({ environment: "production" }), { productionTagKey: "stage" }, "eu-1"), false);
    });

    it("reads the stack name the engine gives a Node.js policy pack (PULUMI_STACK)", () => {
        const saved = process.env.PULUMI_STACK;
        try {
            process.env.PULUMI_STACK = "production";
            assert.equal(isProductionStack(tags({})), true);
            process.env.PULUMI_STACK = "dev";
            assert.equal(isProductionStack(tags({})), false);
        } finally {
            if (saved === undefined) delete process.env.PULUMI_STACK;
            else process.env.PULUMI_STACK = saved;
        }
    });
});

describe("policy pack: mandatory in production, advisory elsewhere", () => {
    const memory = agentInputs({ ...demoSpec(), session: { type: "memory" } });
    const message = 'spec.session.type: "memory" is not durable; use redis or postgres';

    it("declares each production rule twice: <id> mandatory and <id>-nonprod advisory", () => {
        for (const rule of rules.filter((r) => r.scope === "production")) {
            const main = policies.find((p) => p.name === rule.id)!;
            const twin = policies.find((p) => p.name === `${rule.id}-nonprod`)!;
            assert.equal(main.enforcementLevel, "mandatory", rule.id);
            assert.equal(twin.enforcementLevel, "advisory", rule.id);
            assert.deepEqual(Object.keys(main.configSchema!.properties), Object.keys(twin.configSchema!.properties), rule.id);
        }
        for (const rule of rules.filter((r) => r.scope !== "production")) {
            assert.equal(policies.filter((p) => p.name.startsWith(`${rule.id}`)).length, 1, rule.id);
            assert.equal(policies.find((p) => p.name === rule.id)!.enforcementLevel, rule.scope === "always" ? "mandatory" : "advisory");
        }
    });

    it("on a production stack (by name) the mandatory policy reports and the advisory twin is not applicable", () => {
        assert.deepEqual(run("agent-session-durable", memory, { name: "prod" }), { violations: [message] });
        assert.deepEqual(run("agent-session-durable-nonprod", memory, { name: "prod" }), {
            violations: [],
            notApplicable: "a production stack (see agent-session-durable)",
        });
    });

    it("on another stack the advisory twin reports and the mandatory policy is not applicable", () => {
        assert.deepEqual(run("agent-session-durable", memory, { name: "dev" }), {
            violations: [],
            notApplicable: "not a production stack (see agent-session-durable-nonprod)",
        });
        assert.deepEqual(run("agent-session-durable-nonprod", memory, { name: "dev" }), { violations: [message] });
    });

    it("the environment tag makes any stack production", () => {
        const found = runAll([memory], { name: "eu-1", tags: { environment: "production" } }).filter((v) => v.message === message);
        assert.deepEqual(found, [{ policy: "agent-session-durable", level: "mandatory", message }]);
    });

    it("the same violation is advisory on a dev stack", () => {
        const found = runAll([memory], { name: "dev" }).filter((v) => v.message === message);
        assert.deepEqual(found, [{ policy: "agent-session-durable-nonprod", level: "advisory", message }]);
    });

    it("a config override changes a rule's level (engine: per-policy config wins over the policy's level)", () => {
        const stack = { name: "prod", config: { "agent-session-durable": { enforcementLevel: "advisory" } } };
        const found = runAll([memory], stack).filter((v) => v.message === message);
        assert.deepEqual(found, [{ policy: "agent-session-durable", level: "advisory", message }]);
        const disabled = { name: "prod", config: { "agent-session-durable": { enforcementLevel: "disabled" } } };
        assert.deepEqual(
            runAll([memory], disabled).filter((v) => v.message === message),
            [],
        );
    });

    it("a config override of the pattern makes another stack production", () => {
        const config = { productionStackPattern: "^live$" };
        const stack = { name: "live", config: { "agent-session-durable": config, "agent-session-durable-nonprod": config } };
        const found = runAll([memory], stack).filter((v) => v.message === message);
        assert.deepEqual(found, [{ policy: "agent-session-durable", level: "mandatory", message }]);
    });
});
