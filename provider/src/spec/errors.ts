// One error format everywhere: `spec.facade.port: must be ... (got 70000)`, all problems at once.
import type { z } from "zod";

export interface SpecIssue {
    /** Dotted field path from the document root, e.g. `spec.runtime.autoscaling.minReplicas`. */
    path: string;
    /** The rule that was broken, with the offending value when there is one. */
    message: string;
}

/** Text with terminal control characters (C0, C1, bidi overrides) escaped as \uXXXX, so a hostile name cannot drive the terminal. */
export function printable(text: string): string {
    return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** One issue as a line: `path: message`, printable. */
export const issueLine = (i: SpecIssue) => printable(`${i.path}: ${i.message}`);

/** Raised when a spec is invalid; `issues` lists every problem found, in document order. */
export class SpecValidationError extends Error {
    constructor(
        readonly subject: string,
        readonly issues: SpecIssue[],
    ) {
        super(`invalid ${printable(subject)}:\n${issues.map((i) => `  ${issueLine(i)}`).join("\n")}`);
        this.name = "SpecValidationError";
    }
}

export function formatPath(path: readonly PropertyKey[]): string {
    return path.reduce<string>((text, key) => {
        if (typeof key === "number") return `${text}[${key}]`;
        return text ? `${text}.${String(key)}` : String(key);
    }, "");
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
    let value: any = root;
    for (const key of path) {
        if (value === null || typeof value !== "object") return undefined;
        value = value[key as any];
    }
    return value;
}

function describeValue(value: unknown): string {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Ends a message whose value must not be echoed (it holds credentials). */
export const VALUE_NOT_SHOWN = "(value not shown)";

const article = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

function messageOf(issue: z.core.$ZodIssue, value: unknown): string {
    if (value === undefined && (issue.code === "invalid_type" || issue.code === "invalid_value")) return "is required";
    let message = issue.message;
    if (issue.code === "invalid_value") {
        message = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    } else if (issue.code === "invalid_type" && message.startsWith("Invalid input")) {
        message = `must be ${article(issue.expected === "int" ? "integer" : issue.expected)}`;
    } else if (issue.code === "too_small" && issue.origin === "string") {
        message = "must not be empty";
    }
    // Rules that already quote the value (e.g. `duplicates version "2.1.0"`) do not repeat it.
    const scalar = value === null || ["string", "number", "boolean"].includes(typeof value);
    const quoted = typeof value === "string" && message.includes(JSON.stringify(value));
    const echo = scalar && !quoted && !message.includes("(got") && !message.includes(VALUE_NOT_SHOWN);
    return echo ? `${message} (got ${describeValue(value)})` : message;
}

/** Turns zod issues into path-specific issues; unknown keys become one issue per key. */
export function toSpecIssues(error: z.ZodError, input: unknown, root: string): SpecIssue[] {
    const issues: SpecIssue[] = [];
    for (const issue of error.issues) {
        const at = (path: readonly PropertyKey[]) => formatPath([root, ...path].filter((k) => k !== ""));
        if (issue.code === "unrecognized_keys") {
            for (const key of issue.keys) issues.push({ path: at([...issue.path, key]), message: "unknown field" });
            continue;
        }
        issues.push({ path: at(issue.path), message: messageOf(issue, valueAt(input, issue.path)) });
    }
    return issues;
}
