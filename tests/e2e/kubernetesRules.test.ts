// The Kubernetes rows of tests/unit/spec/kubernetesRules.test.ts replayed on the real API server:
// what we accept renders objects the API server accepts (server-side dry-run), and what we refuse
// the API server refuses too when the value reaches it (our validation bypassed), so each rule is
// neither laxer nor stricter than Kubernetes.
import { strict as assert } from "assert";
import { validateDocument } from "../../provider/src/spec";
import { agentRuntimeObjectList, renderAgentRuntime, documentRenderOptions } from "../../provider/src/render";
import { productionRefs } from "../unit/fixtures";
import { AGENT_RULES, agentDoc } from "../unit/spec/kubernetesRules.cases";
import { kubectl, kubectlResult } from "./pulumiEnv";

const NAMESPACE = "omnia-rules";

/** The API server's verdict on every object an agent renders: undefined when all are accepted, else the first error. */
function serverRefusal(doc: ReturnType<typeof validateDocument<"AgentRuntime">>): string | undefined {
    const objects = agentRuntimeObjectList(renderAgentRuntime(doc.metadata, doc.spec, productionRefs(), documentRenderOptions(doc)));
    for (const object of objects) {
        const r = kubectlResult(["create", "--dry-run=server", "--validate=strict", "-o", "name", "-f", "-"], JSON.stringify(object));
        if (r.status !== 0) return `${object.kind}: ${r.stderr.trim()}`;
    }
    return undefined;
}

describe("e2e: Kubernetes rules on rendered objects agree with the API server", function () {
    before(() => kubectl(["create", "namespace", NAMESPACE]));
    after(() => kubectl(["delete", "namespace", NAMESPACE, "--wait=false"]));

    const inNamespace = () => {
        const doc: any = agentDoc();
        doc.metadata.namespace = NAMESPACE;
        return doc;
    };

    for (const c of AGENT_RULES.filter((r) => r.server)) {
        if (c.issues.length === 0) {
            it(`accepted by both: ${c.rule}`, () => {
                const doc = inNamespace();
                c.mutate(doc);
                const refusal = serverRefusal(validateDocument("AgentRuntime", doc.metadata.name, doc));
                assert.equal(refusal, undefined, `we accept it, the API server refuses: ${refusal}`);
            });
        } else {
            it(`refused by both: ${c.rule}`, () => {
                // Our validation of the same value refuses it (the unit row); here it reaches the API server unchecked.
                const valid = validateDocument("AgentRuntime", "production-agent", inNamespace());
                const bypassed: any = structuredClone(valid);
                c.mutate(bypassed);
                // A row gives the component argument as written: the defaults it leaves out are the validated ones.
                for (const option of ["networkPolicy", "ephemeralStorage"]) bypassed[option] = { ...valid[option as "networkPolicy"], ...bypassed[option] };
                assert.notEqual(serverRefusal(bypassed), undefined, "we refuse it, the API server accepts it");
            });
        }
    }
});
