// The ToolRegistry spec (Omnia's CRD): handlers the agent's runtime calls, each with its type's block.
import { z } from "zod";
import type * as generated from "./generated/types";
import { describedEnum, dnsLabel, dnsSubdomain, goDuration, hasUserInfo, intRange, noCredentials } from "./common";

const toolHandlerType = describedEnum("ToolHandlerType", {
    http: "An HTTP endpoint serving one tool (httpConfig).",
    grpc: "A gRPC endpoint serving one tool (grpcConfig).",
    mcp: "A Model Context Protocol server listing its own tools (mcpConfig).",
    openapi: "An OpenAPI service whose operations become tools (openAPIConfig).",
});

/** An endpoint; credentials in it would land in the plain tools ConfigMap. */
const endpoint = (example: string, pattern: RegExp, rule: string) =>
    z
        .string()
        .regex(pattern, { message: `must be ${rule} such as ${example}` })
        .refine((u) => !hasUserInfo(u), {
            message: noCredentials(
                "the tools ConfigMap",
                "this generation's runtime cannot read tool credentials from a Secret, so reach the tool without them (e.g. through an in-cluster proxy that adds them)",
            ),
        })
        .refine((u) => !/[\x00-\x1f\x7f]/.test(u), { message: "must not contain control characters" })
        .describe(`Where the handler is reached, e.g. ${example}.`);
const HTTP_URL = /^https?:\/\/[^\s/]+\S*$/;
const httpEndpoint = (example: string) => endpoint(example, HTTP_URL, "an http(s) URL");

const stringMap = z.record(z.string(), z.string());

export const httpConfig = z
    .strictObject({
        endpoint: httpEndpoint("http://weather.tools.svc.cluster.local:8080/weather"),
        method: z.string().min(1).default("POST").describe("HTTP method."),
        headers: stringMap.optional().describe("Extra request headers (plain text: no secrets)."),
        contentType: z.string().min(1).default("application/json").describe("Request content type."),
        authType: z.string().min(1).optional().describe("Authentication scheme, e.g. bearer (in the CRD; refused, see authSecretRef)."),
        authSecretRef: z
            .strictObject({ name: dnsSubdomain.describe("Secret name."), key: z.string().min(1).describe("Key in the Secret.") })
            .meta({ title: "AuthSecretRef" })
            .optional()
            .describe("Secret with the credential for authType (in the CRD; refused: this generation's runtime cannot read it, so calls would go without credentials)."),
    })
    .superRefine((c, ctx) => {
        for (const field of ["authType", "authSecretRef"] as const) {
            if (c[field] === undefined) continue;
            ctx.addIssue({
                code: "custom",
                path: [field],
                message:
                    "is not supported by this generation: its runtime takes only a literal token from the plain tools ConfigMap and the operator drops the Secret, so the tool would be called without credentials",
            });
        }
    })
    .meta({ title: "HttpConfig" })
    .describe("HTTP handler settings (type http).");

export const grpcConfig = z
    .strictObject({
        endpoint: endpoint("tools.tools.svc.cluster.local:9090", /^(grpcs?:\/\/)?[^\s/:]+:[0-9]+$/, "host:port"),
        tls: z.boolean().optional().describe("Use TLS."),
        tlsCertPath: z.string().optional().describe("Client certificate path in the runtime container."),
        tlsKeyPath: z.string().optional().describe("Client key path in the runtime container."),
        tlsCAPath: z.string().optional().describe("CA bundle path in the runtime container."),
        tlsInsecureSkipVerify: z.boolean().optional().describe("Skip server certificate verification."),
    })
    .meta({ title: "GrpcConfig" })
    .describe("gRPC handler settings (type grpc).");

export const mcpConfig = z
    .strictObject({
        transport: describedEnum("McpTransport", {
            sse: "Server-sent events over HTTP (endpoint).",
            stdio: "A local process (command); refused: the runtime image of this generation has no program to start.",
        }).describe("sse or stdio."),
        endpoint: httpEndpoint("http://mcp.tools.svc.cluster.local:8080/sse").optional(),
        command: z.string().min(1).optional().describe("Program to start for stdio (refused: see transport)."),
        args: z.array(z.string()).optional().describe("Arguments of the command."),
        workDir: z.string().optional().describe("Working directory of the command."),
        env: stringMap.optional().describe("Environment of the command (plain text: no secrets)."),
    })
    .superRefine((m, ctx) => {
        if (m.transport === "sse" && !m.endpoint) ctx.addIssue({ code: "custom", path: ["endpoint"], message: 'is required for transport "sse"' });
        if (m.transport === "stdio") {
            ctx.addIssue({
                code: "custom",
                path: ["transport"],
                message:
                    'is "stdio", which the runtime of this generation cannot start: its image is FROM scratch (no program but the runtime), and one adapter that fails leaves the agent with no tools at all; serve the MCP server over "sse"',
            });
        }
    })
    .meta({ title: "McpConfig" })
    .describe("MCP handler settings (type mcp).");

export const openAPIConfig = z
    .strictObject({
        specURL: httpEndpoint("http://petstore.tools.svc.cluster.local/openapi.json"),
        baseURL: httpEndpoint("http://petstore.tools.svc.cluster.local").optional(),
        operationFilter: z.array(z.string()).optional().describe("Operation ids to expose; all when empty."),
    })
    .meta({ title: "OpenAPIConfig" })
    .describe("OpenAPI handler settings (type openapi).");

/** The block each handler type needs: the runtime skips a handler without it (and the agent silently has no tool). */
export const HANDLER_CONFIG_FIELD = { http: "httpConfig", grpc: "grpcConfig", mcp: "mcpConfig", openapi: "openAPIConfig" } as const;

export const toolHandler = z
    .strictObject({
        name: dnsLabel.describe("Handler name, a DNS label unique in the registry."),
        type: toolHandlerType.describe("http, grpc, mcp or openapi."),
        selector: z
            .strictObject({
                matchLabels: stringMap.optional().describe("Labels of the Service."),
                namespace: dnsLabel.optional().describe("Namespace of the Service."),
                port: z.string().optional().describe("Port name or number."),
            })
            .meta({ title: "ServiceSelector" })
            .optional()
            .describe("Service discovery by labels, as Omnia's ToolRegistry controller does it (recorded; the runtime calls the type block's endpoint)."),
        tool: z
            .strictObject({
                name: z
                    .string()
                    .regex(/^[a-z][a-z0-9_]*$/, { message: "must start with a lowercase letter and contain only lowercase letters, digits and '_'" })
                    .max(64)
                    .describe("Tool name the model calls."),
                description: z.string().min(1).describe("What the tool does, for the model."),
                inputSchema: z.record(z.string(), z.unknown()).describe("JSON Schema of the tool's input."),
                outputSchema: z.record(z.string(), z.unknown()).optional().describe("JSON Schema of the tool's output."),
            })
            .meta({ title: "ToolDefinition" })
            .optional()
            .describe("The tool this handler serves; required for http and grpc (mcp and openapi handlers list their own)."),
        httpConfig: httpConfig.optional(),
        grpcConfig: grpcConfig.optional(),
        mcpConfig: mcpConfig.optional(),
        openAPIConfig: openAPIConfig.optional(),
        timeout: goDuration.default("30s").describe('Call timeout as a Go duration, e.g. "30s".'),
        retries: intRange(0, 10).default(0).describe("Retries after a failed call."),
    })
    .meta({ title: "ToolHandler" })
    .superRefine((h, ctx) => {
        const own = HANDLER_CONFIG_FIELD[h.type];
        if (h[own] === undefined) {
            ctx.addIssue({
                code: "custom",
                path: [own],
                message: `is required for a ${h.type} handler: the runtime skips a ${h.type} handler without it, and the agent would silently have no such tool`,
            });
        }
        for (const field of Object.values(HANDLER_CONFIG_FIELD)) {
            if (field !== own && h[field] !== undefined) ctx.addIssue({ code: "custom", path: [field], message: `does not apply to a ${h.type} handler (it reads ${own})` });
        }
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
        const tools = new Set<string>();
        spec.handlers.forEach((h, i) => {
            if (seen.has(h.name)) ctx.addIssue({ code: "custom", path: ["handlers", i, "name"], message: `duplicates handler "${h.name}"` });
            seen.add(h.name);
            if (h.tool && tools.has(h.tool.name))
                ctx.addIssue({ code: "custom", path: ["handlers", i, "tool", "name"], message: `duplicates tool "${h.tool.name}" (the model calls tools by name)` });
            if (h.tool) tools.add(h.tool.name);
        });
    })
    .meta({ title: "ToolRegistrySpec" })
    .describe("Tools available to agents (the ToolRegistry CRD's spec).");

/** The spec as a user writes it (defaults optional), with every field documented: generated from this schema (./inputs.ts). */
export type ToolRegistrySpecInput = generated.ToolRegistrySpec;
export type ToolRegistrySpec = z.output<typeof toolRegistrySpec>;
export type ToolHandler = z.output<typeof toolHandler>;
