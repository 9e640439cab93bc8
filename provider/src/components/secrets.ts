// Values that arrived as secrets inside a document (through the plugin, from another language):
// the component's recorded inputs keep them secret, and so does every child object and output
// whose content carries one. Secretness is decided on content, so a derived copy is covered too.
import * as pulumi from "@pulumi/pulumi";

/** A path from the document root, e.g. ["spec", "runtime", "autoscaling", "keda", "triggers", 0, "metadata", "authKey"]. */
export type SecretPath = readonly PropertyKey[];

const at = (root: any, path: SecretPath) => path.reduce((v, k) => (v === null || typeof v !== "object" ? undefined : v[k as any]), root);

function leaves(value: unknown, into: string[]) {
    if (value === null || value === undefined) return;
    if (typeof value === "object") for (const v of Object.values(value)) leaves(v, into);
    else into.push(JSON.stringify(String(value)).slice(1, -1));
}

/** The secret texts of a document, as they appear inside JSON (escaped, without quotes). */
export class SecretValues {
    private constructor(private readonly texts: string[]) {}

    static none = new SecretValues([]);

    static at(root: unknown, paths: readonly SecretPath[] = []): SecretValues {
        const texts: string[] = [];
        for (const path of paths) leaves(at(root, path), texts);
        return new SecretValues(texts.filter((t) => t !== ""));
    }

    union(...others: (SecretValues | undefined)[]): SecretValues {
        return new SecretValues([...this.texts, ...others.flatMap((o) => o?.texts ?? [])]);
    }

    get empty(): boolean {
        return this.texts.length === 0;
    }

    /** Text with every secret replaced by "[secret]" (error messages quote values). */
    redact(text: string): string {
        return this.texts.reduce((t, secret) => t.split(secret).join("[secret]"), text);
    }

    /** Whether a value's JSON contains one of the secrets. */
    carriedBy(value: unknown): boolean {
        if (this.empty) return false;
        const text = JSON.stringify(value) ?? "";
        return this.texts.some((t) => text.includes(t));
    }

    /** The fields of resource args, each one that carries a secret wrapped in pulumi.secret. */
    protect<T extends Record<string, unknown>>(args: T): T {
        if (this.empty) return args;
        const field = (v: unknown) => (pulumi.Output.isInstance(v) ? this.protectOutput(v) : this.carriedBy(v) ? pulumi.secret(v) : v);
        return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, field(v)])) as T;
    }

    /** An output that becomes secret when its value carries a secret. */
    protectOutput<T>(output: pulumi.Output<T>): pulumi.Output<T> {
        if (this.empty) return output;
        return output.apply((v) => (this.carriedBy(v) ? pulumi.secret(v) : v)) as pulumi.Output<T>;
    }
}

/** A copy of the inputs with each secret path wrapped in pulumi.secret, as recorded in the state. */
export function withSecretsAt<T>(inputs: T, paths: readonly SecretPath[] = []): T {
    if (paths.length === 0) return inputs;
    const copy: any = structuredClone(inputs);
    for (const path of paths) {
        if (path.length === 0) return pulumi.secret(inputs) as any;
        const parent = at(copy, path.slice(0, -1));
        const key = path[path.length - 1] as any;
        if (parent !== null && typeof parent === "object" && key in parent) parent[key] = pulumi.secret(parent[key]);
    }
    return copy;
}
