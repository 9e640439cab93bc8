// The ToolRegistry spec: the tools an agent's runtime may call.
import { z } from "zod";
import { describedEnum, dnsLabel, goDuration } from "./common";

const toolHandlerType = describedEnum("ToolHandlerType", {
    http: "An HTTP endpoint serving one tool.",
    grpc: "A gRPC endpoint serving one tool.",
    mcp: "A Model Context Protocol server listing its own tools.",
    openapi: "An OpenAPI service whose operations become tools.",
});

export const toolHandler = z
    .strictObject({
        name: dnsLabel.describe("Handler name, a DNS label unique in the registry."),
        type: toolHandlerType.describe("http, grpc, mcp or openapi."),
        endpoint: z.string().regex(/^(https?|grpcs?|tcp):\/\/\S+$/, { message: "must be a URL such as http://weather.tools.svc.cluster.local:8080/weather" }).describe("Where the handler is reached."),
        tool: z
            .strictObject({
                name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, { message: "must be 1-64 letters, digits, '_' or '-'" }).describe("Tool name the model calls."),
                description: z.string().min(1).describe("What the tool does, for the model."),
                inputSchema: z.record(z.string(), z.unknown()).optional().describe("JSON Schema of the tool's input."),
            })
            .meta({ title: "ToolDefinition" })
            .optional()
            .describe("The tool this handler serves; required for http and grpc (mcp and openapi handlers list their own)."),
        timeout: goDuration.optional().describe('Call timeout as a Go duration, e.g. "30s".'),
    })
    .meta({ title: "ToolHandler" })
    .superRefine((h, ctx) => {
        if ((h.type === "http" || h.type === "grpc") && !h.tool) {
            ctx.addIssue({ code: "custom", path: ["tool"], message: `is required for a ${h.type} handler` });
        }
    });

export const toolRegistrySpec = z
    .strictObject({
        handlers: z.array(toolHandler).min(1, { message: "must list at least one handler" }).describe("Tool handlers."),
    })
    .superRefine((spec, ctx) => {
        const seen = new Set<string>();
        spec.handlers.forEach((h, i) => {
            if (seen.has(h.name)) ctx.addIssue({ code: "custom", path: ["handlers", i, "name"], message: `duplicates handler "${h.name}"` });
            seen.add(h.name);
        });
    })
    .meta({ title: "ToolRegistrySpec" })
    .describe("Tools available to agents (the ToolRegistry CRD's spec).");

export type ToolRegistrySpecInput = z.input<typeof toolRegistrySpec>;
export type ToolRegistrySpec = z.output<typeof toolRegistrySpec>;
