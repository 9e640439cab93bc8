// PromptPack, LlmProvider and ToolRegistry: the objects an AgentRuntime references.
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { validateDocument, type ValidatedDocument } from "../spec/documents";
import type { PromptPackSpecInput } from "../spec/promptPack";
import type { LlmProviderSpecInput } from "../spec/llmProvider";
import type { ToolRegistrySpecInput } from "../spec/toolRegistry";
import { type SpecIssue, SpecValidationError } from "../spec/errors";
import {
    apiKeyVariables,
    companionLabels,
    type CompanionKind,
    type Descriptor,
    type NamedConfigMap,
    objectMeta,
    type PromptPackDescriptor,
    type ProviderDescriptor,
    renderCompanion,
    type ToolRegistryDescriptor,
    VERSION_LABEL,
} from "../render";
import { type ObjectMetadataArgs, placeMetadata } from "./metadata";
import { companionLater, companionNow, registerCompanion } from "./registry";
import { type SecretPath, SecretValues, withSecretsAt } from "./secrets";

export interface CompanionArgs<Spec> {
    /**
     * Kubernetes metadata; `name` defaults to the Pulumi resource name, `namespace` to "default".
     * `namespace`, `labels` and `annotations` may be Outputs (e.g. `ns.metadata.name`).
     */
    metadata?: ObjectMetadataArgs;
    /** The CRD's spec. */
    spec: Spec;
    /** Paths of values that arrived as secrets (set by the plugin): objects and outputs carrying one stay secret. */
    secretPaths?: SecretPath[];
}

/** A companion's objects as rendered for its validated metadata. */
export interface Placed<D extends Descriptor> {
    metadata: ValidatedDocument<any>["metadata"];
    descriptor: D;
    /** Pack versions, then the descriptor. */
    configMaps: NamedConfigMap[];
}

/** What the three companions share: validated metadata, a published descriptor, registration by name. */
export abstract class Companion<D extends Descriptor> extends pulumi.ComponentResource {
    /** The Kubernetes name and namespace of this object. */
    readonly name: pulumi.Output<string>;
    readonly namespace: pulumi.Output<string>;
    /** The descriptor other stacks resolve by name (also its ConfigMap below). */
    readonly descriptor: pulumi.Output<D>;
    readonly descriptorConfigMap: k8s.core.v1.ConfigMap;
    /** Values of the spec that arrived as secrets; agents that copy them keep them secret too. */
    readonly secretValues: SecretValues;
    /** @internal What agents read: the kind. */
    readonly companionKind: CompanionKind;
    /** @internal The objects as rendered, now when the metadata is plain, else once it is known. */
    readonly placedNow?: Placed<D>;
    /** @internal */
    readonly placed: pulumi.Output<Placed<D>>;
    /** @internal The descriptor rendered before the namespace is known: for what does not depend on it (versions, tracks, handlers). */
    readonly shape: D;
    /** @internal The namespace as given (plain, or an Output until known). */
    readonly namespaceInput: string | pulumi.Output<string>;
    /** @internal A check made once values are known (a name taken, a secret key); every child waits for it. */
    readonly ready?: pulumi.Output<unknown>;

    protected constructor(type: string, resourceName: string, args: CompanionArgs<unknown>, companion: Validated<D>, opts?: pulumi.ComponentResourceOptions) {
        super(type, resourceName, withSecretsAt(companion.inputs, args.secretPaths), opts);
        this.companionKind = companion.shape.kind;
        this.placedNow = companion.placedNow;
        this.placed = companion.placedNow ? (pulumi.output(companion.placedNow) as pulumi.Output<Placed<D>>) : companion.later!;
        this.shape = companion.shape;
        this.namespaceInput = companion.namespace;
        this.ready = companion.ready;
        this.descriptor = (this.ready ? pulumi.all([this.ready, this.placed]).apply(([, p]) => p.descriptor) : this.placed.apply((p) => p.descriptor)) as pulumi.Output<D>;
        this.secretValues = SecretValues.at({ metadata: args.metadata, spec: args.spec }, args.secretPaths);
        this.name = pulumi.output(companion.shape.name);
        this.namespace = pulumi.output(companion.namespace);
        this.descriptorConfigMap = this.configMap(`${resourceName}-descriptor`, this.rendered(companion.structure.length - 1));
        registerCompanion(companion.shape.kind, companion.registeredNamespace, companion.shape.name, resourceName, this);
    }

    /** The i-th rendered ConfigMap (pack versions, then the descriptor): plain when the metadata is, else once it is known. */
    protected rendered(index: number): NamedConfigMap | pulumi.Output<NamedConfigMap> {
        return this.placedNow ? this.placedNow.configMaps[index] : this.placed.apply((p) => p.configMaps[index]);
    }

    /** Metadata that waits for `ready` when there is a check to wait for. */
    protected gated<T>(value: T | pulumi.Output<T>): T | pulumi.Output<T> {
        return this.ready ? pulumi.all([this.ready, value]).apply(([, v]) => v as T) : value;
    }

    /**
     * Creates a rendered ConfigMap as a child, stored as a secret where it carries a secret value;
     * it waits for `ready` (and is never created when that check fails).
     */
    protected configMap(name: string, object: NamedConfigMap | pulumi.Output<NamedConfigMap>, opts: pulumi.CustomResourceOptions = {}) {
        const field = <K extends keyof NamedConfigMap>(key: K) => (pulumi.Output.isInstance(object) ? object.apply((o) => o[key]) : object[key]);
        const args = { metadata: field("metadata"), immutable: field("immutable"), data: this.gated(field("data")) };
        return new k8s.core.v1.ConfigMap(name, this.secretValues.protect(args), { parent: this, ...opts });
    }

    /**
     * Validates and renders before anything registers: the spec now; the metadata now when it is
     * plain, else once known (every child then waits for it). Every ConfigMap within 1 MiB, a name
     * no other companion of this program has.
     */
    protected static check<D extends Descriptor>(kind: D["kind"], resourceName: string, args: CompanionArgs<unknown>, inputs: pulumi.Inputs): Validated<D> {
        const subject = `${kind} "${resourceName}"`;
        if (args === null || typeof args !== "object") throw new SpecValidationError(subject, [{ path: "spec", message: "is required (the arguments are { metadata?, spec })" }]);
        const metadata = placeMetadata(args.metadata);
        const doc = validateDocument(kind, resourceName, { metadata: metadata.standIn, spec: args.spec });
        const rendered = renderCompanion(kind, doc.metadata, doc.spec);
        const taken = (namespace: string, resourceName: string): SpecIssue => ({
            path: "metadata.name",
            message: `${kind} "${namespace}/${doc.metadata.name}" is already declared in this program, by resource "${resourceName}": two objects with one name would overwrite each other`,
        });
        const issues = [...rendered.issues];
        const shape = rendered.descriptor as D;
        const structure = rendered.configMaps;
        // Registered as given (not as validated): a namespace that fails validation fails this companion only.
        const registeredNamespace = metadata.namespacePending ? pulumi.output(args.metadata!.namespace!) : doc.metadata.namespace;
        // Another companion of this name in this namespace: now when every namespace involved is plain, else once known.
        let ready: pulumi.Output<unknown> | undefined;
        const now = typeof registeredNamespace === "string" ? companionNow(kind, registeredNamespace, shape.name) : { decided: false, resourceName: undefined };
        if (now.resourceName) issues.push(taken(registeredNamespace as string, now.resourceName));
        if (!now.decided) ready = unique(companionLater(kind, registeredNamespace, shape.name), registeredNamespace, taken, subject);
        if (issues.length) throw new SpecValidationError(subject, issues);
        const common = { spec: doc.spec, shape, structure, registeredNamespace, ready, inputs };
        if (!metadata.later) return { ...common, namespace: doc.metadata.namespace, placedNow: { metadata: doc.metadata, descriptor: shape, configMaps: structure } };
        const later = metadata.later.apply((m): Placed<D> => {
            const placed = validateDocument(kind, resourceName, { metadata: m, spec: args.spec });
            const objects = renderCompanion(kind, placed.metadata, placed.spec);
            if (objects.issues.length) throw new SpecValidationError(subject, objects.issues);
            return { metadata: placed.metadata, descriptor: objects.descriptor as D, configMaps: objects.configMaps };
        });
        return { ...common, namespace: metadata.namespacePending ? later.apply((p) => p.metadata.namespace) : doc.metadata.namespace, later };
    }
}

/** Fails (naming the resource that has it) when the name is taken in the namespace; else true. */
function unique(found: pulumi.Output<{ resourceName?: string }>, namespace: pulumi.Input<string>, issue: (namespace: string, resourceName: string) => SpecIssue, subject: string) {
    return pulumi.all([found, namespace]).apply(([f, ns]) => {
        if (f.resourceName) throw new SpecValidationError(subject, [issue(ns, f.resourceName)]);
        return true;
    });
}

interface Validated<D extends Descriptor> {
    spec: any;
    /** The descriptor as rendered with the metadata known now (a stand-in namespace when it is an Output). */
    shape: D;
    /** The ConfigMaps as rendered with that metadata: how many, and their names (which do not depend on the namespace). */
    structure: NamedConfigMap[];
    namespace: string | pulumi.Output<string>;
    /** The namespace this program's references by name compare with. */
    registeredNamespace: string | pulumi.Output<string>;
    placedNow?: Placed<D>;
    later?: pulumi.Output<Placed<D>>;
    inputs: pulumi.Inputs;
    /** A check known only later (a name taken in a namespace given as an Output, a secret API key) that every child waits on. */
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
        this.configMaps = checked.structure
            .slice(0, -1)
            .map((cm, i) => this.configMap(`${name}-v${cm.metadata.annotations![VERSION_LABEL]}`, this.rendered(i), { aliases: [{ name: cm.metadata.name }] }));
        this.versions = this.secretValues.protectOutput(pulumi.output(Object.keys(this.shape.versions)));
        this.tracks = this.secretValues.protectOutput(pulumi.output(this.shape.tracks));
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
        const checked = Companion.check<ProviderDescriptor>("Provider", name, args, {
            metadata: args?.metadata,
            spec: args?.spec,
            apiKey: apiKey === undefined ? undefined : pulumi.secret(apiKey),
        });
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
        const keyChecked = verified && pulumi.unsecret(verified.apply(() => true));
        const ready = checked.ready && keyChecked ? pulumi.all([checked.ready, keyChecked]) : (checked.ready ?? keyChecked);
        super(LlmProvider.__pulumiType, name, args, { ...checked, ready }, opts);
        if (verified !== undefined) {
            this.apiKey = verified;
            const secretMeta = (p: Placed<ProviderDescriptor>) => objectMeta(p.metadata, spec.secretRef.name, companionLabels("Provider", p.metadata));
            const metadata = this.gated(this.placedNow ? secretMeta(this.placedNow) : this.placed.apply(secretMeta));
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
        this.handlers = this.secretValues.protectOutput(pulumi.output(this.shape.handlers.map((h) => h.name)));
        this.registerOutputs({ name: this.name, namespace: this.namespace, handlers: this.handlers });
    }
}
