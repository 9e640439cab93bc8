import { createHash } from "crypto";

// Key order of free-form maps (prompt content, JSON schemas, trigger metadata) depends on how a
// value arrived: TypeScript keeps the author's order, the plugin protocol sorts keys. Sorting them
// makes every language render byte-identical objects and hashes.

/** A deep copy with every object's keys sorted. */
export function sortKeys<T>(value: T): T {
    if (Array.isArray(value)) return value.map(sortKeys) as T;
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(
        Object.keys(value)
            .sort()
            .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    ) as T;
}

/** JSON with sorted keys. */
export function canonicalJson(value: unknown, indent?: number): string {
    return JSON.stringify(sortKeys(value), null, indent);
}

/**
 * A derived object name of at most 253 characters. When `name` is not the exact text it stands for
 * (`hashed`) or must be shortened, it ends with a hash of `exact`, so two inputs never share a name.
 */
export function boundedName(name: string, exact: string, hashed = false): string {
    if (!hashed && name.length <= 253) return name;
    const suffix = `-${createHash("sha256").update(exact).digest("hex").slice(0, 8)}`;
    return name.slice(0, 253 - suffix.length).replace(/[-.]+$/, "") + suffix;
}
