export * from "./common";
export * from "./errors";
export * from "./agentRuntime";
export * from "./promptPack";
export * from "./llmProvider";
export * from "./toolRegistry";
export * from "./documents";
export * from "./status";
