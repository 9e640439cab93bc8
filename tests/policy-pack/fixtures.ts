// Specs for the policy tests: a production-grade agent (the production example with 2 pods minimum)
// and the source document's demo agent.
import { productionRefs, productionSpec } from "../unit/fixtures";
import type { Resource } from "./harness";
import { AGENT_TYPE, agentResources } from "./harness";

/**
 * The production example scales with KEDA from minReplicas 1: one pod at idle, which
 * agent-replicas-redundant rejects in production. Production grade = the same with minReplicas 2.
 */
export function productionGradeSpec(): any {
    const spec: any = productionSpec();
    spec.runtime.autoscaling.minReplicas = 2;
    return spec;
}

/** The demo agent: memory sessions, an inline provider, the echo handler, a prompt pack on a track. */
export function demoSpec(): any {
    return {
        promptPackRef: { name: "customer-service-prompts", track: "stable" },
        provider: { type: "claude", secretRef: { name: "llm-credentials" } },
        facade: { handler: "echo" },
        session: { type: "memory" },
    };
}

/** The component resource with the given spec (inputs as written). */
export function agentInputs(spec: any, metadata: any = { name: "production-agent", namespace: "agents" }): Resource {
    return { type: AGENT_TYPE, name: "production-agent", props: { metadata, spec } };
}

/** A deep copy of the rendered production-grade objects. */
export function productionObjects(): Resource[] {
    return agentResources(productionGradeSpec(), productionRefs()).slice(1);
}

/** One rendered object by type token. */
export function rendered(type: string, spec: any = productionGradeSpec()): Resource {
    const found = agentResources(spec, productionRefs()).find((r) => r.type === type);
    if (!found) throw new Error(`not rendered: ${type}`);
    return found;
}

export const PROD = { name: "prod" };
export const DEV = { name: "dev" };
