// Pulumi's property encoding on the wire (runtime/rpc.js): special objects keyed by a signature.
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A secret as the engine sends it. */
export const secret = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });

export const isSecret = (v: any) => v !== null && typeof v === "object" && v[SIG_KEY] === SECRET_SIG;

export interface Decoded {
    /** The value with secrets and output values unwrapped; resource references become `{ urn, id? }`. */
    value: any;
    /** Dotted paths of the values that were secret ("" for the whole value). */
    secretPaths: string[];
}

/** Unwraps secrets and output values, noting where the secrets were. */
export function decode(wire: any): Decoded {
    const secretPaths: string[] = [];
    const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
    const walk = (v: any, path: string): any => {
        if (Array.isArray(v)) return v.map((e, i) => walk(e, join(path, String(i))));
        if (v === null || typeof v !== "object") return v;
        switch (v[SIG_KEY]) {
            case SECRET_SIG:
                secretPaths.push(path);
                return walk(v.value, path);
            case OUTPUT_VALUE_SIG:
                if (v.secret) secretPaths.push(path);
                return "value" in v ? walk(v.value, path) : UNKNOWN;
            case RESOURCE_SIG:
                return { urn: v.urn, ...(v.id !== undefined ? { id: walk(v.id, join(path, "id")) } : {}) };
            default:
                return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, walk(e, join(path, k))]));
        }
    };
    return { value: walk(wire, ""), secretPaths };
}

/** The wire value with every secret replaced by "[secret]": what may be shown in plain text. */
export function withoutSecrets(wire: any): any {
    if (Array.isArray(wire)) return wire.map(withoutSecrets);
    if (wire === null || typeof wire !== "object") return wire;
    if (isSecret(wire) || (wire[SIG_KEY] === OUTPUT_VALUE_SIG && wire.secret)) return "[secret]";
    return Object.fromEntries(Object.entries(wire).map(([k, v]) => [k, withoutSecrets(v)]));
}
