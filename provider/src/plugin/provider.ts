// The provider plugin's construct: the same component classes TypeScript users get, for every language.
import * as pulumi from "@pulumi/pulumi";
import { AgentRuntime } from "../components/agentRuntime";
import { LlmProvider, PromptPack, ToolRegistry } from "../components/companions";
import { formatPath, SpecValidationError } from "../spec/errors";
import { type SecretPath, SecretValues } from "../components/secrets";
import { generateSchema } from "./schema";

/**
 * The documents decide which objects exist, so they must be known when the component is
 * constructed, even in a preview: they are resolved to plain values. Where a value arrived as a
 * secret (nested anywhere, or the whole input when the engine hoisted it), its path is recorded so
 * the component keeps it secret.
 */
const unknownAt = (path: SecretPath) =>
    new pulumi.InputPropertiesError({
        message: `${formatPath(path)} must be known during preview: it decides which Kubernetes objects exist`,
        errors: [{ propertyPath: formatPath(path), reason: "depends on a value that is not known until the update runs" }],
    });

async function plain(value: unknown, path: SecretPath, secretPaths: SecretPath[]): Promise<any> {
    if (pulumi.isUnknown(value)) throw unknownAt(path);
    if (pulumi.Output.isInstance(value)) {
        const output = value as any;
        if (!(await output.isKnown)) throw unknownAt(path);
        if (await output.isSecret) secretPaths.push(path);
        return plain(await output.promise(), path, secretPaths);
    }
    if (Array.isArray(value)) return Promise.all(value.map((v, i) => plain(v, [...path, i], secretPaths)));
    if (value === null || typeof value !== "object" || pulumi.Resource.isInstance(value)) return value;
    const entries = await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await plain(v, [...path, k], secretPaths)] as const));
    return Object.fromEntries(entries);
}

/** A value that is null or undefined, or a known output of one. */
async function isNull(value: unknown): Promise<boolean> {
    if (value === null || value === undefined) return true;
    if (!pulumi.Output.isInstance(value)) return false;
    const output = value as any;
    return (await output.isKnown) && (await output.promise()) == null;
}

/** The component, its Construct state, and the outputs that fail when a check made after registration fails. */
function construct(
    type: string,
    name: string,
    args: Record<string, any>,
    options: pulumi.ComponentResourceOptions,
): pulumi.provider.ConstructResult & { checked?: pulumi.Output<unknown>[] } {
    const { secretPaths } = args;
    switch (type) {
        case AgentRuntime.__pulumiType: {
            const { metadata, spec, images, networkPolicy, ephemeralStorage } = args;
            const agent = new AgentRuntime(name, { metadata, spec, images, networkPolicy, ephemeralStorage, secretPaths }, options);
            // activeVersion settles once the references are validated (including those read from the cluster).
            return { urn: agent.urn, state: { status: agent.status, serviceEndpoint: agent.serviceEndpoint, activeVersion: agent.activeVersion }, checked: [agent.activeVersion] };
        }
        case PromptPack.__pulumiType: {
            const pack = new PromptPack(name, { metadata: args.metadata, spec: args.spec, secretPaths }, options);
            return { urn: pack.urn, state: { name: pack.name, namespace: pack.namespace, versions: pack.versions, tracks: pack.tracks } };
        }
        case LlmProvider.__pulumiType: {
            const provider = new LlmProvider(name, { metadata: args.metadata, spec: args.spec, apiKey: args.apiKey, secretPaths }, options);
            return {
                urn: provider.urn,
                state: { name: provider.name, namespace: provider.namespace, credentialsVersion: provider.credentialsVersion },
                checked: provider.apiKey ? [provider.apiKey] : [],
            };
        }
        case ToolRegistry.__pulumiType: {
            const tools = new ToolRegistry(name, { metadata: args.metadata, spec: args.spec, secretPaths }, options);
            return { urn: tools.urn, state: { name: tools.name, namespace: tools.namespace, handlers: tools.handlers } };
        }
        default:
            throw new Error(`unknown resource type ${type}`);
    }
}

export class OmniaProvider implements pulumi.provider.Provider {
    readonly schema: string;

    constructor(readonly version: string) {
        this.schema = JSON.stringify(generateSchema(version));
    }

    async construct(name: string, type: string, inputs: pulumi.Inputs, options: pulumi.ComponentResourceOptions): Promise<pulumi.provider.ConstructResult> {
        const secretPaths: SecretPath[] = [];
        // The Node.js SDK sends an argument the program left out as null (or an output of null); Python,
        // Go and YAML leave it out.
        const argument = async (name: string) => (await plain(inputs[name], [name], secretPaths)) ?? undefined;
        const args = {
            metadata: await argument("metadata"),
            spec: await argument("spec"),
            images: await argument("images"),
            networkPolicy: await argument("networkPolicy"),
            ephemeralStorage: await argument("ephemeralStorage"),
            // Kept as sent (an output, secret, maybe unknown in a preview) unless it is null.
            apiKey: (await isNull(inputs.apiKey)) ? undefined : inputs.apiKey,
            secretPaths,
        };
        try {
            const { urn, state, checked = [] } = construct(type, name, args, options);
            // A reference that fails after registration (e.g. a descriptor read from the cluster) is reported
            // like any other invalid input, instead of as a failure to serialize the component's outputs.
            await Promise.all(checked.map((o) => (o as any).promise()));
            return { urn, state };
        } catch (e) {
            if (e instanceof SpecValidationError) {
                // Each problem comes back to the caller's language as an input property error with its path;
                // a value that arrived as a secret is never quoted back.
                const secrets = SecretValues.at(args, secretPaths);
                const message = `invalid ${e.subject}: ${e.issues.length} problem${e.issues.length === 1 ? "" : "s"}`;
                throw new pulumi.InputPropertiesError({ message, errors: e.issues.map((i) => ({ propertyPath: i.path, reason: secrets.redact(i.message) })) });
            }
            throw e;
        }
    }
}
