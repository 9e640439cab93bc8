// What users write, as documented interfaces: generated/types.ts holds one per schema below, with
// every field's description as JSDoc (editors show it on hover). The zod schemas stay the source:
// tsc checks here that each interface and z.input of its schema accept exactly the same values,
// so the documented types cannot drift from what validation accepts.
import type { z } from "zod";
import type * as generated from "./generated/types";
import { agentRuntimeSpec, imageOverrides } from "./agentRuntime";
import { objectMetadata } from "./common";
import { ephemeralStorageOptions, networkPolicyOptions } from "./hardening";
import { llmProviderSpec } from "./llmProvider";
import { promptPackSpec } from "./promptPack";
import { toolRegistrySpec } from "./toolRegistry";

/** The schemas with a generated input interface, by the interface's name (each schema's title). */
export const INPUT_SCHEMAS = {
    AgentRuntimeSpec: agentRuntimeSpec,
    PromptPackSpec: promptPackSpec,
    LlmProviderSpec: llmProviderSpec,
    ToolRegistrySpec: toolRegistrySpec,
    ObjectMeta: objectMetadata,
    Images: imageOverrides,
    NetworkPolicyOptions: networkPolicyOptions,
    EphemeralStorageOptions: ephemeralStorageOptions,
} as const;

/** The generated interface of each schema of INPUT_SCHEMAS. */
interface GeneratedInputs {
    AgentRuntimeSpec: generated.AgentRuntimeSpec;
    PromptPackSpec: generated.PromptPackSpec;
    LlmProviderSpec: generated.LlmProviderSpec;
    ToolRegistrySpec: generated.ToolRegistrySpec;
    ObjectMeta: generated.ObjectMeta;
    Images: generated.Images;
    NetworkPolicyOptions: generated.NetworkPolicyOptions;
    EphemeralStorageOptions: generated.EphemeralStorageOptions;
}

/** Whether A and B are assignable to each other (no distribution over unions). */
type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** T with every property required, at every depth: two types that differ by an optional field then differ. */
type Complete<T> = T extends readonly (infer U)[] ? Complete<U>[] : T extends object ? { [K in keyof T]-?: Complete<Exclude<T[K], undefined>> } : T;
/** The same fields, types and optionality (mutual assignability alone would not see a missing optional field). */
type Same<A, B> = MutuallyAssignable<A, B> extends true ? MutuallyAssignable<Complete<A>, Complete<B>> : false;
/** A part that may be left out (metadata, networkPolicy, ...) is compared as given. */
type Given<S extends z.ZodType> = Exclude<z.input<S>, undefined>;
type Drifted = { [K in keyof typeof INPUT_SCHEMAS]: Same<GeneratedInputs[K], Given<(typeof INPUT_SCHEMAS)[K]>> extends true ? never : K }[keyof typeof INPUT_SCHEMAS];
/**
 * Fails to compile, naming the interface, when a generated interface and its schema disagree:
 * regenerate with `npm run types`.
 */
type NoneDrifted<T extends never> = T;
export type InputTypesMatchTheirSchemas = NoneDrifted<Drifted>;
// Every schema has an interface and every interface a schema.
type SameKeys = Same<keyof GeneratedInputs, keyof typeof INPUT_SCHEMAS>;
export type EveryInputTypeHasASchema = NoneDrifted<SameKeys extends true ? never : "keys">;
