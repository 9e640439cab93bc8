// The component, imported directly: one PromptPack, Provider and ToolRegistry, then N AgentRuntimes
// referencing them by name. The documents are the benchmark's fleet (bench/fleet.ts).
import { readFileSync } from "fs";
import { AgentRuntime, LlmProvider, PromptPack, ToolRegistry } from "../../../provider/bin";

const components = { AgentRuntime, PromptPack, Provider: LlmProvider, ToolRegistry };

for (const { kind, metadata, spec } of JSON.parse(readFileSync(process.env.OMNIA_BENCH_FLEET!, "utf8"))) {
    new (components as any)[kind](metadata.name, { metadata, spec });
}
