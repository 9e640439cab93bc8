// The provider plugin's construct: the same component classes TypeScript users get, for every language.
import * as pulumi from "@pulumi/pulumi";
import { AgentRuntime } from "../components/agentRuntime";
import { LlmProvider, PromptPack, ToolRegistry } from "../components/companions";
import { SpecValidationError } from "../spec/errors";
import { generateSchema } from "./schema";

/**
 * The documents decide which objects exist, so they must be known when the component is
 * constructed, even in a preview: resolve them to plain values (secrets inside them stay Outputs
 * only where the component expects Outputs, i.e. apiKey).
 */
async function plain(inputs: pulumi.Inputs, name: string): Promise<any> {
    const value = inputs[name];
    if (value === undefined) return undefined;
    const output = pulumi.output(value) as any;
    if (!(await output.isKnown)) {
        throw new pulumi.InputPropertiesError({
            message: `${name} must be known during preview: it decides which Kubernetes objects exist`,
            errors: [{ propertyPath: name, reason: "depends on a value that is not known until the update runs" }],
        });
    }
    return output.promise();
}

function construct(type: string, name: string, args: Record<string, any>, inputs: pulumi.Inputs, options: pulumi.ComponentResourceOptions) {
    switch (type) {
        case AgentRuntime.__pulumiType: {
            const agent = new AgentRuntime(name, { metadata: args.metadata, spec: args.spec, images: args.images }, options);
            return { urn: agent.urn, state: { status: agent.status, serviceEndpoint: agent.serviceEndpoint, activeVersion: agent.activeVersion } };
        }
        case PromptPack.__pulumiType: {
            const pack = new PromptPack(name, { metadata: args.metadata, spec: args.spec }, options);
            return { urn: pack.urn, state: { name: pack.name, namespace: pack.namespace, versions: pack.versions, tracks: pack.tracks } };
        }
        case LlmProvider.__pulumiType: {
            const provider = new LlmProvider(name, { metadata: args.metadata, spec: args.spec, apiKey: inputs.apiKey }, options);
            return { urn: provider.urn, state: { name: provider.name, namespace: provider.namespace, credentialsVersion: provider.credentialsVersion } };
        }
        case ToolRegistry.__pulumiType: {
            const tools = new ToolRegistry(name, { metadata: args.metadata, spec: args.spec }, options);
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
        const args = { metadata: await plain(inputs, "metadata"), spec: await plain(inputs, "spec"), images: await plain(inputs, "images") };
        try {
            return construct(type, name, args, inputs, options);
        } catch (e) {
            if (e instanceof SpecValidationError) {
                // Each problem comes back to the caller's language as an input property error with its path.
                const message = `invalid ${e.subject}: ${e.issues.length} problem${e.issues.length === 1 ? "" : "s"}`;
                throw new pulumi.InputPropertiesError({ message, errors: e.issues.map((i) => ({ propertyPath: i.path, reason: i.message })) });
            }
            throw e;
        }
    }
}
