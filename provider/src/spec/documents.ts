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

/** With this annotation set to "true", the runtime answers from a mock provider, without network or credentials (as the operator renders it). */
export const MOCK_PROVIDER_ANNOTATION = "omnia.altairalabs.ai/mock-provider";
export const isMockProvider = (annotations: Record<string, string> | undefined) => annotations?.[MOCK_PROVIDER_ANNOTATION] === "true";

/** No release of this generation published a runtime image; the error says how to get one. */
export const RUNTIME_IMAGE_MISSING =
    'is required for handler "runtime": no Omnia release of this generation published a runtime image. Build it from Omnia 57f0e470 ' +
    "(`make docker-build-runtime`, Dockerfile.runtime), push it, and set spec.framework.image, the `images.runtime` argument, " +
    "or the stack config `omnia:runtimeImage` (for every agent of the stack)";

// Rules that read metadata and spec together: the handler's needs and the mock-provider annotation.
// They run even when other fields are wrong (every problem is reported at once), hence the defensive reads.
const agentRuntimeDocument = z
    .strictObject({ metadata: objectMetadata, spec: agentRuntimeSpec, images: imageOverrides.optional() })
    .superRefine((doc: any, ctx) => {
        const spec = doc?.spec;
        if (spec === null || typeof spec !== "object" || (spec.facade?.handler ?? "runtime") !== "runtime") return;
        const mock = isMockProvider(doc.metadata?.annotations);
        if (!spec.providerRef && !spec.provider && !mock) {
            ctx.addIssue({
                code: "custom",
                path: ["spec", "providerRef"],
                message: `is required (or an inline provider) for handler "runtime"; handlers "demo" and "echo" need none, nor does the annotation ${MOCK_PROVIDER_ANNOTATION}: "true"`,
            });
        }
        if (!spec.providerRef && spec.provider && !spec.provider.secretRef && !mock) {
            ctx.addIssue({ code: "custom", path: ["spec", "provider", "secretRef"], message: `is required for handler "runtime": without it the runtime has no API key (or set the annotation ${MOCK_PROVIDER_ANNOTATION}: "true")` });
        }
        if (!spec.framework?.image && !doc.images?.runtime) {
            ctx.addIssue({ code: "custom", path: ["spec", "framework", "image"], message: RUNTIME_IMAGE_MISSING });
        }
    }, { when: () => true });

const documentSchemas = {
    AgentRuntime: agentRuntimeDocument,
    PromptPack: z.strictObject({ metadata: objectMetadata, spec: promptPackSpec }),
    Provider: z.strictObject({ metadata: objectMetadata, spec: llmProviderSpec }),
    ToolRegistry: z.strictObject({ metadata: objectMetadata, spec: toolRegistrySpec }),
} satisfies Record<Kind, z.ZodType>;

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
