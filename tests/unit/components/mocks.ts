// Pulumi mocks that record every registered resource and serve reads of existing cluster objects.
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";

export interface Registered {
    type: string;
    name: string;
    inputs: any;
    id?: string;
    custom: boolean;
    provider?: string;
}

export class Cluster {
    registered: Registered[] = [];
    /** Writes so far: the next resourceVersion. */
    writes = 0;
    /** Objects that "exist" for reads: key `<type>/<namespace>/<name>` -> state. */
    existing = new Map<string, any>();

    reset() {
        this.registered = [];
        this.existing.clear();
    }
    of(type: string) {
        return this.registered.filter((r) => r.type === type && r.id === undefined);
    }
    one(type: string, name?: string) {
        const found = this.of(type).filter((r) => name === undefined || r.name === name);
        if (found.length !== 1) throw new Error(`expected one ${type}${name ? ` ${name}` : ""}, got ${found.length}`);
        return found[0];
    }
}

export const cluster = new Cluster();

export function install(preview = false) {
    pulumi.runtime.setMocks(
        {
            newResource(args) {
                cluster.registered.push({ type: args.type, name: args.name, inputs: args.inputs, id: args.id || undefined, custom: args.custom ?? true, provider: args.provider });
                if (args.id) {
                    const state = cluster.existing.get(`${args.type}/${args.id}`);
                    if (!state) throw new Error(`resource "${args.id}" does not exist`);
                    return { id: args.id, state };
                }
                const state: any = { ...args.inputs };
                // As the API server does: every stored object gets a resourceVersion, a new one on each change.
                if (args.inputs.metadata && !preview) state.metadata = { ...args.inputs.metadata, resourceVersion: String(++cluster.writes) };
                // As the engine does: fields the cluster fills in are unknown during a preview of new objects.
                if (args.type === "kubernetes:apps/v1:Deployment") {
                    const replicas = args.inputs.spec?.replicas ?? 1;
                    state.status = preview
                        ? pulumi.runtime.unknownValue
                        : { replicas, readyReplicas: replicas, availableReplicas: replicas, conditions: [{ type: "Available", status: "True" }] };
                }
                if (args.type === "kubernetes:core/v1:Service") {
                    state.spec = { ...args.inputs.spec, clusterIP: preview ? pulumi.runtime.unknownValue : "198.51.100.10" };
                }
                return { id: preview ? "" : `${args.inputs.metadata?.namespace}/${args.inputs.metadata?.name ?? args.name}`, state };
            },
            call: (args) => args.inputs,
        },
        "project",
        "stack",
        preview,
    );
}

/** Resolves an Output in tests; undefined when it is unknown (preview). */
export async function valueOf<T>(output: pulumi.Output<T>): Promise<T | undefined> {
    return (await isKnown(output)) ? ((await (output as any).promise()) as T) : undefined;
}

export async function isKnown(output: pulumi.Output<unknown>): Promise<boolean> {
    return (output as any).isKnown as Promise<boolean>;
}

/** The plain value of a secret as the engine receives it (inputs of a mocked resource). */
export function secretValue(input: any): unknown {
    assert.equal(input?.[SECRET_SIG], SECRET_VALUE_SIG, "expected a secret");
    return input.value;
}
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** The value with every secret replaced by "[secret]", to check what would be stored in plain text. */
export function withoutSecrets(value: any): any {
    if (value === null || typeof value !== "object") return value;
    if (value[SECRET_SIG] === SECRET_VALUE_SIG) return "[secret]";
    if (Array.isArray(value)) return value.map(withoutSecrets);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutSecrets(v)]));
}
const SECRET_VALUE_SIG = "1b47061264138c4ac30d75fd1eb44270";

export async function isSecret(output: pulumi.Output<unknown>): Promise<boolean> {
    return pulumi.isSecret(output);
}

/** Waits until every registration of the program so far has been delivered to the mocks. */
export async function settle() {
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}
