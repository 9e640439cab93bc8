// PromptKit's pack format: what the runtime checks at the first message, checked here before anything
// is created. The schema is PromptKit's own (provider/schemas/promptpack.schema.json, runtime v1.1.6,
// the version Omnia 57f0e470 requires), validated with Ajv rather than restated.
import { readFileSync } from "fs";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import type { ErrorObject, ValidateFunction } from "ajv";

// provider/schemas/ sits two levels above both provider/src/spec and provider/bin/spec.
const PACK_SCHEMA = path.join(__dirname, "..", "..", "schemas", "promptpack.schema.json");

/** The prompt the runtime opens when nothing else is said (the operator renders OMNIA_PROMPT_NAME=default). */
export const DEFAULT_PROMPT_NAME = "default";

// Compiled on first use (about 0.2 s): programs without inline pack content never pay for it.
// Formats are annotations in draft 2020-12, as in PromptKit's validator: not asserted.
let compiled: ValidateFunction | undefined;
const packValidator = () => (compiled ??= new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(JSON.parse(readFileSync(PACK_SCHEMA, "utf8"))));

export interface PackIssue {
    /** Path inside the pack, e.g. `prompts.support.id` (empty for the pack itself). */
    path: string;
    message: string;
}

function pointerToPath(pointer: string): string[] {
    return pointer === ""
        ? []
        : pointer
              .slice(1)
              .split("/")
              .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function describe(error: ErrorObject): PackIssue {
    const path = pointerToPath(error.instancePath);
    if (error.keyword === "required") return { path: [...path, error.params.missingProperty].join("."), message: "is required by PromptKit's pack schema" };
    if (error.keyword === "additionalProperties") return { path: [...path, error.params.additionalProperty].join("."), message: "is not a field of PromptKit's pack schema" };
    const rule =
        error.keyword === "type"
            ? `must be ${/^[aeiou]/.test(error.params.type) ? "an" : "a"} ${error.params.type}`
            : error.keyword === "minProperties"
              ? `must have at least ${error.params.limit} ${error.params.limit === 1 ? "entry" : "entries"}`
              : error.keyword === "pattern"
                ? `must match ${error.params.pattern}`
                : error.keyword === "enum"
                  ? `must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`
                  : error.message;
    return { path: path.join("."), message: `${rule} (PromptKit's pack schema)` };
}

/** Which prompt the runtime opens (OMNIA_PROMPT_NAME): `default` when the pack has it, else its only prompt. */
export function promptNameOf(content: Record<string, unknown>): string | undefined {
    const prompts = content.prompts;
    if (prompts === null || typeof prompts !== "object") return undefined;
    const names = Object.keys(prompts);
    if (names.includes(DEFAULT_PROMPT_NAME)) return DEFAULT_PROMPT_NAME;
    return names.length === 1 ? names[0] : undefined;
}

/** Every problem the runtime would hit with this pack: PromptKit's schema, and a prompt it can open. */
export function packContentIssues(content: unknown): PackIssue[] {
    const validate = packValidator();
    if (!validate(content)) {
        // Ajv reports a failed `if/then` or a oneOf branch twice; keep one line per path and message.
        const seen = new Set<string>();
        return (validate.errors ?? []).map(describe).filter((i) => !seen.has(`${i.path}:${i.message}`) && seen.add(`${i.path}:${i.message}`));
    }
    const pack = content as Record<string, unknown>;
    if (promptNameOf(pack) === undefined) {
        return [
            {
                path: "prompts",
                message: `has ${Object.keys(pack.prompts as object).join(", ")}: the runtime opens one prompt (OMNIA_PROMPT_NAME), so name one "${DEFAULT_PROMPT_NAME}" or keep exactly one`,
            },
        ];
    }
    return [];
}

/**
 * What the runtime finds in an existing ConfigMap it mounts at /etc/omnia/pack: the key pack.json
 * holding a pack it can open. `promptName` is the prompt it would open.
 */
export function packConfigMapIssues(data: Record<string, string> | undefined): { issues: PackIssue[]; promptName?: string } {
    const text = data?.["pack.json"];
    if (text === undefined) {
        const keys = Object.keys(data ?? {});
        return {
            issues: [
                {
                    path: "",
                    message: `has no key pack.json (${keys.length ? `it has ${keys.join(", ")}` : "it is empty"}): the runtime reads /etc/omnia/pack/pack.json at the first message, so every conversation would fail`,
                },
            ],
        };
    }
    let content: unknown;
    try {
        content = JSON.parse(text);
    } catch (e) {
        return { issues: [{ path: "pack.json", message: `is not JSON (${(e as Error).message}): every conversation would fail` }] };
    }
    const issues = packContentIssues(content);
    return { issues, promptName: issues.length ? undefined : promptNameOf(content as Record<string, unknown>) };
}
