// The `{ metadata, spec }` documents every component takes, validated together so paths read `spec.x.y`.
import { z } from "zod";
import { dns1035Label, dnsLabel, objectMetadata } from "./common";
import { type SpecIssue, SpecValidationError, formatPath, toSpecIssues } from "./errors";
import { agentRuntimeSpec, imageOverrides } from "./agentRuntime";
import { ephemeralStorageOptions, networkPolicyOptions } from "./hardening";
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
    .strictObject({
        metadata: objectMetadata,
        spec: agentRuntimeSpec,
        images: imageOverrides.optional(),
        networkPolicy: networkPolicyOptions,
        ephemeralStorage: ephemeralStorageOptions,
    })
    .superRefine(
        (doc: any, ctx) => {
            const name = doc?.metadata?.name;
            if (typeof name === "string" && dnsLabel.safeParse(name).success && !dns1035Label.safeParse(name).success) {
                ctx.addIssue({
                    code: "custom",
                    path: ["metadata", "name"],
                    message: `${dns1035Label.safeParse(name).error!.issues[0].message}: it names the agent's Service (got ${JSON.stringify(name)})`,
                });
            }
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
                ctx.addIssue({
                    code: "custom",
                    path: ["spec", "provider", "secretRef"],
                    message: `is required for handler "runtime": without it the runtime has no API key (or set the annotation ${MOCK_PROVIDER_ANNOTATION}: "true")`,
                });
            }
            if (!spec.framework?.image && !doc.images?.runtime) {
                ctx.addIssue({ code: "custom", path: ["spec", "framework", "image"], message: RUNTIME_IMAGE_MISSING });
            }
        },
        { when: () => true },
    );

const companionDocument = (spec: z.ZodType) => z.strictObject({ metadata: objectMetadata, spec });
const documentSchemas = {
    AgentRuntime: agentRuntimeDocument,
    PromptPack: companionDocument(promptPackSpec),
    Provider: companionDocument(llmProviderSpec),
    ToolRegistry: companionDocument(toolRegistrySpec),
} satisfies Record<Kind, z.ZodType>;

const isOutputLike = (value: any) => value?.__pulumiOutput === true || typeof value?.then === "function";

/**
 * Values zod would misreport: a Pulumi Output or Promise (its internals would read as unknown
 * fields) and a `__proto__` key (JavaScript drops it). Returns the input without them, and issues.
 */
function structuralIssues(input: unknown): { input: unknown; issues: SpecIssue[] } {
    const issues: SpecIssue[] = [];
    const walk = (value: any, path: PropertyKey[]): any => {
        if (value === null || typeof value !== "object") return value;
        if (isOutputLike(value)) {
            issues.push({
                path: formatPath(path),
                message:
                    "is a Pulumi Output (or Promise): documents take plain values, because they decide which objects exist; secrets belong in Secrets (e.g. LlmProvider apiKey)",
            });
            return undefined;
        }
        if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, i]));
        const copy: Record<string, unknown> = {};
        for (const key of Object.keys(value)) {
            if (key === "__proto__") {
                issues.push({ path: formatPath([...path, key]), message: 'is not allowed as a key (JavaScript objects drop "__proto__")' });
                continue;
            }
            Object.defineProperty(copy, key, { value: walk(value[key], [...path, key]), enumerable: true, writable: true, configurable: true });
        }
        return copy;
    };
    return { input: walk(input, []), issues };
}

export interface ValidatedDocument<K extends Kind> {
    metadata: { name: string; namespace: string; labels?: Record<string, string>; annotations?: Record<string, string> };
    spec: z.output<(typeof KINDS)[K]>;
    images?: z.output<typeof imageOverrides>;
    /** AgentRuntime only, defaults applied. */
    networkPolicy: z.output<typeof networkPolicyOptions>;
    ephemeralStorage: z.output<typeof ephemeralStorageOptions>;
}

/** The component arguments beside metadata and spec (AgentRuntime only). */
const COMPONENT_OPTIONS = ["images", "networkPolicy", "ephemeralStorage"] as const;
type ComponentOptions = { [K in (typeof COMPONENT_OPTIONS)[number]]?: unknown };

/**
 * Validates `{ metadata, spec }` of one object; the name defaults to `defaultName` (the Pulumi
 * resource name). Throws a SpecValidationError listing every problem.
 */
export function validateDocument<K extends Kind>(kind: K, defaultName: string, document: { metadata?: unknown; spec?: unknown } & ComponentOptions): ValidatedDocument<K> {
    const subject = `${kind} "${defaultName}"`;
    if (document === null || typeof document !== "object") throw new SpecValidationError(subject, [{ path: "spec", message: "is required" }]);
    const options = Object.fromEntries(COMPONENT_OPTIONS.filter((k) => document[k] !== undefined).map((k) => [k, document[k]]));
    const structural = structuralIssues({ metadata: document.metadata, spec: document.spec, ...options });
    const given = structural.input as { metadata?: any; spec?: unknown } & ComponentOptions;
    const metadata = given.metadata !== null && typeof given.metadata === "object" ? given.metadata : (given.metadata ?? {});
    const input = {
        metadata: typeof metadata === "object" && !Array.isArray(metadata) ? { ...metadata, name: metadata.name ?? defaultName } : metadata,
        spec: given.spec,
        ...Object.fromEntries(COMPONENT_OPTIONS.filter((k) => given[k] !== undefined).map((k) => [k, given[k]])),
    };
    const result = documentSchemas[kind].safeParse(input);
    // A value reported structurally (an Output) is not reported again as missing.
    const reported = new Set(structural.issues.map((i) => i.path));
    const issues = [...structural.issues, ...(result.success ? [] : toSpecIssues(result.error, input, "").filter((i) => !reported.has(i.path)))];
    if (issues.length) throw new SpecValidationError(subject, issues);
    return result.data as ValidatedDocument<K>;
}
