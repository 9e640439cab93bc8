// The rules the API server, the kubelet, KEDA and Go apply to values we copy into objects
// (rows in kubernetesRules.cases.ts), and the parsers behind them.
import { strict as assert } from "assert";
import { packContent } from "../fixtures";
import { AGENT_RULES, agentDoc } from "./kubernetesRules.cases";
import { validateDocument, SpecValidationError, type SpecIssue, type Kind } from "../../../provider/src/spec";
import { cronProblem, isTimeZone } from "../../../provider/src/spec/keda";
import { parseImageReference } from "../../../provider/src/spec/kubernetes";

function issuesOf(kind: Kind, doc: any): SpecIssue[] {
    try {
        validateDocument(kind, doc.metadata?.name ?? "x", doc);
        return [];
    } catch (e) {
        if (!(e instanceof SpecValidationError)) throw e;
        return e.issues;
    }
}

describe("Kubernetes, KEDA and Go rules on the values an agent copies into its objects", () => {
    for (const c of AGENT_RULES) {
        it(`${c.issues.length ? "refuses" : "accepts"} ${c.rule}`, () => {
            const doc = structuredClone(agentDoc());
            c.mutate(doc);
            assert.deepEqual(issuesOf("AgentRuntime", doc), c.issues);
        });
    }

    it("accepts a companion named like a non-DNS-1035 label (only agents name a Service)", () => {
        assert.deepEqual(issuesOf("PromptPack", { metadata: { name: "7prompts" }, spec: { versions: [{ version: "1.0.0", content: packContent("1.0.0") }] } }), []);
    });
});

describe("cron expressions as KEDA's cron scaler parses them", () => {
    for (const [expr, problem] of [
        ["0 8 * * 1-5", undefined],
        ["0,30 */2 1-15/3 1,6,12 0", undefined],
        ["0 8 * * Mon", undefined],
        ["60 8 * * *", 'minute "60" is outside 0-59'],
        ["0 8 0 * *", 'day of month "0" is outside 1-31'],
        ["0 8 * 13 *", 'month "13" is outside 1-12'],
        ["0 8 * * 1#2", 'day of week "1#2" is not a value or a range'],
        ["*/0 * * * *", 'minute "*/0" has an invalid step'],
        ["0 0 8 * * *", "must have 5 fields (minute hour day-of-month month day-of-week), got 6"],
    ] as const) {
        it(`${JSON.stringify(expr)}: ${problem ?? "parses"}`, () => assert.equal(cronProblem(expr), problem));
    }
});

describe("time zones as Go's time.LoadLocation finds them", () => {
    for (const [zone, ok] of [
        ["America/New_York", true],
        ["UTC", true],
        ["Etc/GMT+5", true],
        ["Asia/Calcutta", true],
        ["Local", true],
        ["Mars/Olympus", false],
        ["america/new_york", false],
        ["EST5EDT ", false],
        ["", false],
    ] as const) {
        it(`${JSON.stringify(zone)}: ${ok}`, () => assert.equal(isTimeZone(zone), ok));
    }
});

describe("image references as the kubelet parses them", () => {
    for (const [image, parsed] of [
        ["ghcr.io/altairalabs/omnia-agent:0.2.0-alpha.12", { name: "ghcr.io/altairalabs/omnia-agent", tag: "0.2.0-alpha.12", digest: undefined }],
        ["registry:5000/a/b", { name: "registry:5000/a/b", tag: undefined, digest: undefined }],
        ["a__b/c-d--e:1", { name: "a__b/c-d--e", tag: "1", digest: undefined }],
        [" ghcr.io/a:1", undefined],
        ["ghcr.io/a:1 ", undefined],
        ["ghcr.io/a:1@sha256:abc", undefined],
        ["ghcr.io//a:1", undefined],
        ["ghcr.io/a:-1", undefined],
    ] as const) {
        it(`${JSON.stringify(image)}`, () => assert.deepEqual(parseImageReference(image), parsed));
    }
});
