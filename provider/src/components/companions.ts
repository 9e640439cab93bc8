// PromptPack, LlmProvider and ToolRegistry: the objects an AgentRuntime references.
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { validateDocument, ValidatedDocument } from "../spec/documents";
import type { PromptPackSpecInput } from "../spec/promptPack";
import type { LlmProviderSpecInput } from "../spec/llmProvider";
import type { ToolRegistrySpecInput } from "../spec/toolRegistry";
import type { ObjectMetadataInput } from "../spec/common";
import { SpecValidationError } from "../spec/errors";
import {
    apiKeyVariables,
    companionLabels,
    Descriptor,
    NamedConfigMap,
    objectMeta,
    PromptPackDescriptor,
    ProviderDescriptor,
    renderCompanion,
    ToolRegistryDescriptor,
    VERSION_LABEL,
} from "../render";
import { registerCompanion, registeredCompanion } from "./registry";
import { SecretPath, SecretValues, withSecretsAt } from "./secrets";

export interface CompanionArgs<Spec> {
    /** Kubernetes metadata; `name` defaults to the Pulumi resource name, `namespace` to "default". */
    metadata?: ObjectMetadataInput;
    /** The CRD's spec. */
    spec: Spec;
    /** Paths of values that arrived as secrets (set by the plugin): objects and outputs carrying one stay secret. */
    secretPaths?: SecretPath[];
}

/** What the three companions share: validated metadata, a published descriptor, registration by name. */
export abstract class Companion<D extends Descriptor> extends pulumi.ComponentResource {
    /** The Kubernetes name and namespace of this object. */
    readonly name: pulumi.Output<string>;
    readonly namespace: pulumi.Output<string>;
    /** The descriptor other stacks resolve by name (also its ConfigMap below). */
    readonly descriptor: D;
    readonly descriptorConfigMap: k8s.core.v1.ConfigMap;
    /** Values of the spec that arrived as secrets; agents that copy them keep them secret too. */
    readonly secretValues: SecretValues;

    protected constructor(type: string, resourceName: string, args: CompanionArgs<unknown>, companion: Validated<D>, opts?: pulumi.ComponentResourceOptions) {
        super(type, resourceName, withSecretsAt(companion.inputs, args.secretPaths), opts);
        const { metadata, descriptor, configMaps } = companion;
        this.descriptor = descriptor;
        this.secretValues = SecretValues.at({ metadata: args.metadata, spec: args.spec }, args.secretPaths);
        this.name = pulumi.output(metadata.name);
        this.namespace = pulumi.output(metadata.namespace);
        this.descriptorConfigMap = this.configMap(`${resourceName}-descriptor`, configMaps[configMaps.length - 1], {}, companion.ready);
        registerCompanion(descriptor.kind, metadata.namespace, metadata.name, resourceName, this);
    }

    /**
     * Creates a rendered ConfigMap as a child, stored as a secret where it carries a secret value;
     * with `ready`, it waits for that check (and is never created when it fails).
     */
    protected configMap(name: string, object: NamedConfigMap, opts: pulumi.CustomResourceOptions = {}, ready?: pulumi.Output<unknown>) {
        const { metadata, immutable, data } = object;
        const gated = ready ? ready.apply(() => data) : data;
        return new k8s.core.v1.ConfigMap(name, this.secretValues.protect({ metadata, immutable, data: gated }), { parent: this, ...opts });
    }

    /** Every ConfigMap within 1 MiB, a name no other companion of this program has: checked before anything registers. */
    protected static check<D extends Descriptor>(kind: D["kind"], resourceName: string, args: CompanionArgs<unknown>, inputs: pulumi.Inputs): Validated<D> {
        const subject = `${kind} "${resourceName}"`;
        if (args === null || typeof args !== "object") throw new SpecValidationError(subject, [{ path: "spec", message: "is required (the arguments are { metadata?, spec })" }]);
        const doc = validateDocument(kind, resourceName, args);
        const rendered = renderCompanion(kind, doc.metadata, doc.spec);
        const issues = [...rendered.issues];
        const taken = registeredCompanion(kind, doc.metadata.namespace, doc.metadata.name);
        if (taken) issues.push({ path: "metadata.name", message: `${kind} "${doc.metadata.namespace}/${doc.metadata.name}" is already declared in this program, by resource "${taken}": two objects with one name would overwrite each other` });
        if (issues.length) throw new SpecValidationError(subject, issues);
        return { metadata: doc.metadata, spec: doc.spec, descriptor: rendered.descriptor as D, configMaps: rendered.configMaps, inputs };
    }
}

interface Validated<D extends Descriptor> {
    metadata: ValidatedDocument<any>["metadata"];
    spec: any;
    descriptor: D;
    /** Pack versions, then the descriptor. */
    configMaps: NamedConfigMap[];
    inputs: pulumi.Inputs;
    /** A check known only later (a secret API key) that every child waits on. */
    ready?: pulumi.Output<unknown>;
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
        const checked = Companion.check<PromptPackDescriptor>("PromptPack", name, args, { metadata: args?.metadata, spec: args?.spec });
        super(PromptPack.__pulumiType, name, args, checked, opts);
        // Named after this component and the exact version (the ConfigMap's version annotation), so two packs
        // of one name in two namespaces (or two versions that differ in case only) never share a URN; the
        // alias keeps the earlier name.
        this.configMaps = checked.configMaps.slice(0, -1).map((cm) =>
            this.configMap(`${name}-v${cm.metadata.annotations![VERSION_LABEL]}`, cm, { aliases: [{ name: cm.metadata.name }] }),
        );
        this.versions = this.secretValues.protectOutput(pulumi.output(Object.keys(this.descriptor.versions)));
        this.tracks = this.secretValues.protectOutput(pulumi.output(this.descriptor.tracks));
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
    /**
     * Changes when the managed Secret changes, so agents' pods roll: the Secret's resourceVersion,
     * which the API server assigns (never derived from the key). Empty without apiKey.
     */
    readonly credentialsVersion: pulumi.Output<string>;

    constructor(name: string, args: LlmProviderArgs, opts?: pulumi.ComponentResourceOptions) {
        const apiKey = args?.apiKey;
        const checked = Companion.check<ProviderDescriptor>("Provider", name, args, { metadata: args?.metadata, spec: args?.spec, apiKey: apiKey === undefined ? undefined : pulumi.secret(apiKey) });
        const spec = checked.spec as LlmProviderSpecInput & { type: string };
        const key = spec.secretRef.key ?? (spec.type === "auto" ? undefined : apiKeyVariables(spec.type as any)[0]);
        const subject = `Provider "${name}"`;
        if (apiKey !== undefined && key === undefined) {
            throw new SpecValidationError(subject, [{ path: "spec.secretRef.key", message: 'is required when apiKey is given for type "auto" (which variable should hold it?)' }]);
        }
        if (typeof apiKey === "string" && apiKey.trim() === "") throw new SpecValidationError(subject, [emptyKey]);
        // A key known only later (a secret config value) is checked before any child registers: the
        // descriptor and the Secret wait on it. Whether it is empty is not secret.
        const verified =
            apiKey === undefined
                ? undefined
                : pulumi.secret(
                      pulumi.output(apiKey).apply((k) => {
                          if (typeof k !== "string" || k.trim() === "") throw new SpecValidationError(subject, [emptyKey]);
                          return k;
                      }),
                  );
        super(LlmProvider.__pulumiType, name, args, { ...checked, ready: verified && pulumi.unsecret(verified.apply(() => true)) }, opts);
        if (verified !== undefined) {
            this.apiKey = verified;
            const metadata = objectMeta(checked.metadata, spec.secretRef.name, companionLabels("Provider", checked.metadata));
            this.secret = new k8s.core.v1.Secret(`${name}-credentials`, { metadata, type: "Opaque", stringData: { [key!]: this.apiKey } }, { parent: this });
            this.credentialsVersion = this.secret.metadata.apply((m) => m?.resourceVersion ?? "");
        } else {
            this.credentialsVersion = pulumi.output("");
        }
        this.registerOutputs({ name: this.name, namespace: this.namespace, secret: this.secret, credentialsVersion: this.credentialsVersion });
    }
}

const emptyKey = { path: "apiKey", message: "must not be empty: the runtime would start without credentials and every conversation would fail" };

export type ToolRegistryArgs = CompanionArgs<ToolRegistrySpecInput>;

/** Tools agents may call; each agent gets its own `<agent>-tools` ConfigMap rendered from it. */
export class ToolRegistry extends Companion<ToolRegistryDescriptor> {
    static readonly __pulumiType = "omnia:index:ToolRegistry";
    readonly handlers: pulumi.Output<string[]>;

    constructor(name: string, args: ToolRegistryArgs, opts?: pulumi.ComponentResourceOptions) {
        const checked = Companion.check<ToolRegistryDescriptor>("ToolRegistry", name, args, { metadata: args?.metadata, spec: args?.spec });
        super(ToolRegistry.__pulumiType, name, args, checked, opts);
        this.handlers = this.secretValues.protectOutput(pulumi.output(checked.descriptor.handlers.map((h) => h.name)));
        this.registerOutputs({ name: this.name, namespace: this.namespace, handlers: this.handlers });
    }
}
