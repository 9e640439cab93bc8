// The tools.yaml an agent's runtime reads, rendered from a ToolRegistry's handlers.
import { stringify } from "yaml";
import type { ToolRegistrySpec } from "../spec/toolRegistry";

export type ToolHandlerSpec = ToolRegistrySpec["handlers"][number];

export function renderToolsYaml(handlers: ToolHandlerSpec[]): string {
    return stringify({ handlers }, { lineWidth: 0, aliasDuplicateObjects: false });
}
