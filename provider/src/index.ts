// pulumi-omnia: AgentRuntime and its companions as Pulumi components, plus the pure spec and renderer.
export { AgentRuntime, AgentRuntimeArgs, AgentRuntimeSpecArgs } from "./components/agentRuntime";
export { PromptPack, PromptPackArgs, LlmProvider, LlmProviderArgs, ToolRegistry, ToolRegistryArgs } from "./components/companions";
export { agentStatus, AgentRuntimeStatus, Condition } from "./components/status";
export * as spec from "./spec";
export * as render from "./render";
export { SpecValidationError, SpecIssue } from "./spec/errors";
