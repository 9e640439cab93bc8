// The tools.yaml an agent's runtime reads (Omnia internal/runtime/tools: yaml.v3, camelCase keys):
// `handlers[]` with each type's own block, which is where the runtime takes the endpoint from.
import { stringify } from "yaml";
import { sortKeys } from "./canonical";
import { HANDLER_CONFIG_FIELD, type ToolHandler } from "../spec/toolRegistry";

/** The endpoint the operator records for a handler (the runtime itself reads the type's block). */
export function handlerEndpoint(h: ToolHandler): string | undefined {
    if (h.type === "http") return h.httpConfig?.endpoint;
    if (h.type === "grpc") return h.grpcConfig?.endpoint;
    if (h.type === "mcp") return h.mcpConfig?.endpoint ?? (h.mcpConfig?.command ? `stdio://${h.mcpConfig.command}` : undefined);
    return h.openAPIConfig?.specURL;
}

/** One runtime handler entry: the type's block (validated to be there), the tool with its JSON schemas as maps, timeout and retries. */
function runtimeHandler(h: ToolHandler) {
    const block = HANDLER_CONFIG_FIELD[h.type];
    return {
        name: h.name,
        type: h.type,
        endpoint: handlerEndpoint(h),
        ...(h.tool ? { tool: sortKeys(h.tool) } : {}),
        [block]: sortKeys(h[block]),
        timeout: h.timeout,
        retries: h.retries,
    };
}

export function renderToolsYaml(handlers: ToolHandler[]): string {
    return stringify({ handlers: handlers.map(runtimeHandler) }, { lineWidth: 0, aliasDuplicateObjects: false });
}
