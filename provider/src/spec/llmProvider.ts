// The Provider spec (component LlmProvider): an LLM endpoint, its defaults and its credentials Secret.
import { z } from "zod";
import type * as generated from "./generated/types";
import { httpUrl, secretKeyRef } from "./common";
import { providerDefaults, providerPricing, providerType } from "./agentRuntime";

export const llmProviderSpec = z
    .strictObject({
        type: providerType.describe("LLM provider: claude, openai, gemini, or auto (detect from the credentials present)."),
        model: z.string().min(1).optional().describe('Model name, e.g. "claude-sonnet-4-20250514".'),
        baseURL: httpUrl("the Provider's descriptor ConfigMap", "the API key belongs in the Secret of secretRef")
            .optional()
            .describe("Override of the provider's API endpoint. The runtime of this generation parses it and does not use it."),
        secretRef: secretKeyRef.describe(
            "Secret holding the API key, in the provider's namespace; the key defaults to the provider's variable name (ANTHROPIC_API_KEY, OPENAI_API_KEY, GEMINI_API_KEY).",
        ),
        defaults: providerDefaults.optional(),
        pricing: providerPricing.optional(),
        validateCredentials: z
            .boolean()
            .default(false)
            .describe("Omnia's operator calls the provider to check the key; we never send the key anywhere at deploy time, so this has no effect (documented)."),
    })
    .meta({ title: "LlmProviderSpec" })
    .describe("An LLM provider shared by agents (the Provider CRD's spec).");

/** The spec as a user writes it (defaults optional), with every field documented: generated from this schema (./inputs.ts). */
export type LlmProviderSpecInput = generated.LlmProviderSpec;
export type LlmProviderSpec = z.output<typeof llmProviderSpec>;
