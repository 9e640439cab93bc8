// PromptPack, LlmProvider and ToolRegistry: the objects an AgentRuntime references.
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { createHash } from "crypto";
import { validateDocument, ValidatedDocument } from "../spec/documents";
import type { PromptPackSpecInput } from "../spec/promptPack";
import type { LlmProviderSpecInput } from "../spec/llmProvider";
import type { ToolRegistrySpecInput } from "../spec/toolRegistry";
import type { ObjectMetadataInput } from "../spec/common";
import { SpecValidationError } from "../spec/errors";
import {
    apiKeyVariables,
    Descriptor,
    promptPackDescriptor,
    PromptPackDescriptor,
    providerDescriptor,
    ProviderDescriptor,
    renderDescriptor,
    renderPromptPackConfigMaps,
    toolRegistryDescriptor,
    ToolRegistryDescriptor,
    KubeObject,
} from "../render";
import { registerCompanion } from "./registry";

export interface CompanionArgs<Spec> {
    /** Kubernetes metadata; `name` defaults to the Pulumi resource name, `namespace` to "default". */
    metadata?: ObjectMetadataInput;
    /** The CRD's spec. */
    spec: Spec;
}

/** Creates a rendered ConfigMap as a Pulumi child. */
function createConfigMap(name: string, object: KubeObject, parent: pulumi.Resource) {
    const { metadata, immutable, data } = object as KubeObject & { immutable?: boolean; data: Record<string, string> };
    return new k8s.core.v1.ConfigMap(name, { metadata, immutable, data }, { parent });
}

/** What the three companions share: validated metadata, a published descriptor, registration by name. */
abstract class Companion<D extends Descriptor> extends pulumi.ComponentResource {
    /** The Kubernetes name and namespace of this object. */
    readonly name: pulumi.Output<string>;
    readonly namespace: pulumi.Output<string>;
    /** The descriptor other stacks resolve by name (also its ConfigMap below). */
    readonly descriptor: D;
    readonly descriptorConfigMap: k8s.core.v1.ConfigMap;

    protected constructor(
        type: string,
        resourceName: string,
        inputs: pulumi.Inputs,
        descriptor: D,
        metadata: ValidatedDocument<any>["metadata"],
        opts?: pulumi.ComponentResourceOptions,
    ) {
        super(type, resourceName, inputs, opts);
        this.descriptor = descriptor;
        this.name = pulumi.output(metadata.name);
        this.namespace = pulumi.output(metadata.namespace);
        const object = renderDescriptor(metadata, descriptor);
        this.descriptorConfigMap = createConfigMap(`${resourceName}-descriptor`, object, this);
        registerCompanion(descriptor.kind, metadata.namespace, metadata.name, this);
    }
}

export type PromptPackArgs = CompanionArgs<PromptPackSpecInput>;

/** Published prompt versions; each version is an immutable ConfigMap (key pack.json). */
export class PromptPack extends Companion<PromptPackDescriptor> {
    static readonly __pulumiType = "omnia:index:PromptPack";
    /** Published versions and track -> version (stable filled in). */
    readonly versions: pulumi.Output<string[]>;
    readonly tracks: pulumi.Output<Record<string, string>>;
    readonly configMaps: k8s.core.v1.ConfigMap[];

    constructor(name: string, args: PromptPackArgs, opts?: pulumi.ComponentResourceOptions) {
        const doc = validateDocument("PromptPack", name, args);
        super(PromptPack.__pulumiType, name, { metadata: args.metadata, spec: args.spec }, promptPackDescriptor(doc.metadata, doc.spec), doc.metadata, opts);
        this.configMaps = renderPromptPackConfigMaps(doc.metadata, doc.spec).map(
            (cm) => createConfigMap(cm.metadata.name, cm, this),
        );
        this.versions = pulumi.output(Object.keys(this.descriptor.versions));
        this.tracks = pulumi.output(this.descriptor.tracks);
        this.registerOutputs({ name: this.name, namespace: this.namespace, versions: this.versions, tracks: this.tracks });
    }
}

export interface LlmProviderArgs extends CompanionArgs<LlmProviderSpecInput> {
    /**
     * The API key. When given, the component creates the Secret `spec.secretRef.name` holding it
     * (wrap it with pulumi.secret or read it with config.requireSecret: it stays secret in state).
     */
    apiKey?: pulumi.Input<string>;
}

/** An LLM provider (the CRD's Provider) and, optionally, the Secret with its API key. */
export class LlmProvider extends Companion<ProviderDescriptor> {
    static readonly __pulumiType = "omnia:index:LlmProvider";
    /** The Secret this component created from `apiKey`, if any. */
    readonly secret?: k8s.core.v1.Secret;
    /** The API key (secret) when this component manages it; lets agents in other namespaces copy it without a read. */
    readonly apiKey?: pulumi.Output<string>;
    /** Changes when the managed API key changes, so agents' pods roll; a hash, never the key. */
    readonly credentialsVersion: pulumi.Output<string>;

    constructor(name: string, args: LlmProviderArgs, opts?: pulumi.ComponentResourceOptions) {
        const doc = validateDocument("Provider", name, args);
        const key = doc.spec.secretRef.key ?? (doc.spec.type === "auto" ? undefined : apiKeyVariables(doc.spec.type)[0]);
        if (args.apiKey !== undefined && key === undefined) {
            throw new SpecValidationError(`Provider "${name}"`, [
                { path: "spec.secretRef.key", message: 'is required when apiKey is given for type "auto" (which variable should hold it?)' },
            ]);
        }
        super(LlmProvider.__pulumiType, name, { metadata: args.metadata, spec: args.spec, apiKey: args.apiKey && pulumi.secret(args.apiKey) }, providerDescriptor(doc.metadata, doc.spec), doc.metadata, opts);
        if (args.apiKey !== undefined) {
            this.apiKey = pulumi.secret(args.apiKey);
            this.secret = new k8s.core.v1.Secret(
                `${name}-credentials`,
                {
                    metadata: { name: doc.spec.secretRef.name, namespace: doc.metadata.namespace, labels: doc.metadata.labels },
                    type: "Opaque",
                    stringData: { [key!]: this.apiKey },
                },
                { parent: this },
            );
            this.credentialsVersion = pulumi.unsecret(this.apiKey.apply((k) => createHash("sha256").update(k).digest("hex").slice(0, 16)));
        } else {
            this.credentialsVersion = pulumi.output("");
        }
        this.registerOutputs({ name: this.name, namespace: this.namespace, secret: this.secret, credentialsVersion: this.credentialsVersion });
    }
}

export type ToolRegistryArgs = CompanionArgs<ToolRegistrySpecInput>;

/** Tools agents may call; each agent gets its own `<agent>-tools` ConfigMap rendered from it. */
export class ToolRegistry extends Companion<ToolRegistryDescriptor> {
    static readonly __pulumiType = "omnia:index:ToolRegistry";
    readonly handlers: pulumi.Output<string[]>;

    constructor(name: string, args: ToolRegistryArgs, opts?: pulumi.ComponentResourceOptions) {
        const doc = validateDocument("ToolRegistry", name, args);
        super(ToolRegistry.__pulumiType, name, { metadata: args.metadata, spec: args.spec }, toolRegistryDescriptor(doc.metadata, doc.spec), doc.metadata, opts);
        this.handlers = pulumi.output(doc.spec.handlers.map((h) => h.name));
        this.registerOutputs({ name: this.name, namespace: this.namespace, handlers: this.handlers });
    }
}
