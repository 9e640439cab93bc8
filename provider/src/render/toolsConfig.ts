// The tools.yaml an agent's runtime reads, rendered from a ToolRegistry's handlers.
import { stringify } from "yaml";
import { sortKeys } from "./canonical";
import type { ToolRegistrySpec } from "../spec/toolRegistry";

export type ToolHandlerSpec = ToolRegistrySpec["handlers"][number];

export function renderToolsYaml(handlers: ToolHandlerSpec[]): string {
    const ordered = handlers.map((h) => (h.tool?.inputSchema ? { ...h, tool: { ...h.tool, inputSchema: sortKeys(h.tool.inputSchema) } } : h));
    return stringify({ handlers: ordered }, { lineWidth: 0, aliasDuplicateObjects: false });
}
