// In-process figures: how many times a second one agent's spec is validated and rendered.
import { validateDocument } from "../provider/src/spec/documents";
import {
    promptPackDescriptor,
    providerDescriptor,
    renderAgentRuntime,
    resolvePromptPack,
    resolveProvider,
    resolveToolRegistry,
    toolRegistryDescriptor,
} from "../provider/src/render";
import { fleetDocuments } from "./fleet";

/** Calls fn repeatedly for about `seconds` and returns calls per second. */
export function throughput(fn: () => unknown, seconds: number): number {
    for (let i = 0; i < 100; i++) fn(); // let the JIT settle
    let calls = 0;
    const start = process.hrtime.bigint();
    const budget = BigInt(Math.round(seconds * 1e9));
    let elapsed = 0n;
    while (elapsed < budget) {
        for (let i = 0; i < 100; i++) fn();
        calls += 100;
        elapsed = process.hrtime.bigint() - start;
    }
    return calls / (Number(elapsed) / 1e9);
}

/** Validations and renders per second of the benchmark's agent (agent-0001, with KEDA). */
export function specThroughput(seconds: number): { validatePerSecond: number; renderPerSecond: number } {
    const [pack, provider, tools, agent] = fleetDocuments(1);
    const validate = () => validateDocument("AgentRuntime", agent.metadata.name, agent);
    const { metadata, spec } = validate();
    const p = validateDocument("PromptPack", pack.metadata.name, pack);
    const pr = validateDocument("Provider", provider.metadata.name, provider);
    const t = validateDocument("ToolRegistry", tools.metadata.name, tools);
    const refs = {
        promptPack: resolvePromptPack(metadata.name, promptPackDescriptor(p.metadata, p.spec), spec.promptPackRef),
        provider: resolveProvider(providerDescriptor(pr.metadata, pr.spec)),
        toolRegistry: resolveToolRegistry(toolRegistryDescriptor(t.metadata, t.spec)),
    };
    return {
        validatePerSecond: throughput(validate, seconds),
        renderPerSecond: throughput(() => renderAgentRuntime(metadata, spec, refs), seconds),
    };
}
