// pulumi-omnia: AgentRuntime and its companions as Pulumi components, plus the pure spec and renderer.
export { AgentRuntime, AgentRuntimeArgs, AgentRuntimeSpecArgs } from "./components/agentRuntime";
export { PromptPack, PromptPackArgs, LlmProvider, LlmProviderArgs, ToolRegistry, ToolRegistryArgs } from "./components/companions";
export { ObjectMetadataArgs } from "./components/metadata";
export { agentStatus, AgentRuntimeStatus, Condition } from "./components/status";
export * as spec from "./spec";
export * as render from "./render";
/** The documented types of what users write (specs, metadata, component options), generated from the zod specs. */
export * as inputs from "./spec/generated/types";
export { SpecValidationError, SpecIssue } from "./spec/errors";
