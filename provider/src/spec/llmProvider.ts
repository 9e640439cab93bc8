// The Provider spec (component LlmProvider): an LLM endpoint, its defaults and its credentials Secret.
import { z } from "zod";
import { secretKeyRef } from "./common";
import { providerDefaults, providerType } from "./agentRuntime";

export const llmProviderSpec = z
    .strictObject({
        type: providerType.describe("LLM provider: claude, openai, gemini, or auto (detect from the credentials present)."),
        model: z.string().min(1).optional().describe('Model name, e.g. "claude-sonnet-4-20250514".'),
        baseURL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional().describe("Override of the provider's API endpoint."),
        secretRef: secretKeyRef.describe("Secret holding the API key, in the provider's namespace; the key defaults to the provider's variable name (ANTHROPIC_API_KEY, OPENAI_API_KEY, GEMINI_API_KEY)."),
        defaults: providerDefaults.optional(),
    })
    .meta({ title: "LlmProviderSpec" })
    .describe("An LLM provider shared by agents (the Provider CRD's spec).");

export type LlmProviderSpecInput = z.input<typeof llmProviderSpec>;
export type LlmProviderSpec = z.output<typeof llmProviderSpec>;
