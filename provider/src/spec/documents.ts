// The `{ metadata, spec }` documents every component takes, validated together so paths read `spec.x.y`.
import { z } from "zod";
import { objectMetadata } from "./common";
import { parseSpec } from "./errors";
import { agentRuntimeSpec, imageOverrides } from "./agentRuntime";
import { promptPackSpec } from "./promptPack";
import { llmProviderSpec } from "./llmProvider";
import { toolRegistrySpec } from "./toolRegistry";

export const KINDS = {
    AgentRuntime: agentRuntimeSpec,
    PromptPack: promptPackSpec,
    Provider: llmProviderSpec,
    ToolRegistry: toolRegistrySpec,
} as const;
export type Kind = keyof typeof KINDS;

// Only the AgentRuntime component takes more than the CRD's metadata and spec: image overrides.
const documentSchemas = Object.fromEntries(
    Object.entries(KINDS).map(([kind, spec]) => [
        kind,
        z.strictObject({ metadata: objectMetadata, spec, ...(kind === "AgentRuntime" ? { images: imageOverrides.optional() } : {}) }),
    ]),
) as { [K in Kind]: z.ZodObject<{ metadata: typeof objectMetadata; spec: (typeof KINDS)[K] }> };

export interface ValidatedDocument<K extends Kind> {
    metadata: { name: string; namespace: string; labels?: Record<string, string>; annotations?: Record<string, string> };
    spec: z.output<(typeof KINDS)[K]>;
    images?: z.output<typeof imageOverrides>;
}

/**
 * Validates `{ metadata, spec }` of one object; the name defaults to `defaultName` (the Pulumi
 * resource name). Throws a SpecValidationError listing every problem.
 */
export function validateDocument<K extends Kind>(kind: K, defaultName: string, document: { metadata?: unknown; spec?: unknown; images?: unknown }): ValidatedDocument<K> {
    const metadata = (document.metadata ?? {}) as { name?: unknown };
    const input = { metadata: { ...metadata, name: metadata.name ?? defaultName }, spec: document.spec, ...(document.images !== undefined ? { images: document.images } : {}) };
    const parsed = parseSpec(documentSchemas[kind], input, "", `${kind} "${defaultName}"`) as any;
    return parsed as ValidatedDocument<K>;
}
