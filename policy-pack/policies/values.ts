// Reading props that may hold unknowns (preview) without throwing, and showing values in messages.
import { UnknownValueError } from "@pulumi/policy";

/** A value not known during preview: never a violation by itself. */
export const UNKNOWN = Symbol("unknown");
export type Maybe<T> = T | typeof UNKNOWN;

/**
 * Runs a read on props wrapped in `unknownCheckingProxy`. Reading an unknown throws
 * UnknownValueError, which the engine would turn into "can't run policy during preview";
 * here it becomes UNKNOWN so the rule simply skips that check.
 */
export function peek<T>(read: () => T): Maybe<T> {
    try {
        return read();
    } catch (e) {
        if (e instanceof UnknownValueError) return UNKNOWN;
        throw e;
    }
}

export const isKnown = <T>(v: Maybe<T>): v is T => v !== UNKNOWN;

/** Own keys of an object (works on proxies without reading values). */
export function has(obj: unknown, key: string): boolean {
    return obj !== null && typeof obj === "object" && Object.hasOwn(obj, key);
}

/** The elements of an array one by one, each UNKNOWN when it cannot be read; [] when not an array. */
export function items<T = any>(list: Maybe<unknown>): Array<{ index: number; value: Maybe<T> }> {
    if (!isKnown(list) || !Array.isArray(list)) return [];
    const length = peek(() => list.length);
    if (!isKnown(length)) return [];
    return Array.from({ length }, (_, index) => ({ index, value: peek(() => list[index] as T) }));
}

/** JSON rendering of a value for a message: `"memory"`, `3`, `true`. */
export const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

/** A plain record (object, not array), or undefined. */
export function record(value: unknown): Record<string, any> | undefined {
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, any>) : undefined;
}
