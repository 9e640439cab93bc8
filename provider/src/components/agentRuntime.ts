// The AgentRuntime component: validate, resolve references, render, create children, report readiness.
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { validateDocument, type ValidatedDocument } from "../spec/documents";
import type { AgentRuntimeSpec, AgentRuntimeSpecInput } from "../spec/agentRuntime";
import type { EphemeralStorageOptionsInput, NetworkPolicyOptionsInput } from "../spec/hardening";
import type * as generated from "../spec/generated/types";
import { type SpecIssue, SpecValidationError } from "../spec/errors";
import {
    apiKeyVariables,
    type CompanionKind,
    type Descriptor,
    descriptorName,
    type Images,
    parseDescriptor,
    type PromptPackDescriptor,
    type ProviderDescriptor,
    renderAgentRuntime,
    type AgentRuntimeObjects,
    type RenderOptions,
    type ResolvedPromptPack,
    type ResolvedProvider,
    type ResolvedReferences,
    resolveInlineProvider,
    resolvePromptPack,
    resolveProvider,
    resolveToolRegistry,
    type ToolRegistryDescriptor,
    serviceEndpoint,
    mayRunSeveralPods,
    documentRenderOptions,
} from "../render";
import type { Companion, LlmProvider, PromptPack, ToolRegistry } from "./companions";
import { type ObjectMetadataArgs, placeMetadata } from "./metadata";
import { type SecretPath, SecretValues, withSecretsAt } from "./secrets";
import { companionLater, companionNow, companionsNamed } from "./registry";
import { agentStatus, type AgentRuntimeStatus } from "./status";
import { replicaIgnoreChanges, withReplicaOwnership } from "./replicaOwnership";
import { serviceWithoutAwait } from "./awaits";

/** A reference whose `name` may also be the companion declared in this program (its docs stay the field's). */
type Ref<T, C> = { [K in keyof T]: K extends "name" ? string | C : T[K] };
interface ReferenceTargets {
    promptPackRef: PromptPack;
    providerRef: LlmProvider;
    toolRegistryRef: ToolRegistry;
}

/** The CRD's spec, where each reference may name the companion or be the companion itself. */
export type AgentRuntimeSpecArgs = {
    [K in keyof AgentRuntimeSpecInput]: K extends keyof ReferenceTargets ? Ref<NonNullable<AgentRuntimeSpecInput[K]>, ReferenceTargets[K]> : AgentRuntimeSpecInput[K];
};

export interface AgentRuntimeArgs {
    /**
     * Kubernetes metadata; `name` defaults to the Pulumi resource name and names every object (no suffix).
     * `namespace`, `labels` and `annotations` may be Outputs (e.g. `ns.metadata.name` of a Namespace of
     * this program): the objects are then rendered once they are known.
     */
    metadata?: ObjectMetadataArgs;
    /** The AgentRuntime spec, as in the CRD. Plain values: they decide which objects exist. */
    spec: AgentRuntimeSpecArgs;
    /** Image overrides (full references with a pinned tag or digest); defaults are pinned releases. */
    images?: generated.Images;
    /** The agent's NetworkPolicy (on by default): who may reach the facade, extra egress, the all-egress escape hatch. */
    networkPolicy?: NetworkPolicyOptionsInput;
    /** Ephemeral-storage budget of the facade and the /tmp size limits (the runtime's comes from spec.runtime.resources). */
    ephemeralStorage?: EphemeralStorageOptionsInput;
    /**
     * Paths of values that arrived as secrets (the plugin sets them for other languages): every
     * object and output that carries one is stored as a secret.
     */
    secretPaths?: SecretPath[];
}

const REFERENCE_KINDS = { promptPackRef: "PromptPack", providerRef: "Provider", toolRegistryRef: "ToolRegistry" } as const;
type ReferenceField = keyof typeof REFERENCE_KINDS;
type Companions = { promptPackRef?: PromptPack; providerRef?: LlmProvider; toolRegistryRef?: ToolRegistry };

/**
 * Replaces companion objects in the references by their names; returns the plain spec to validate,
 * the spec to record (a companion's namespace as given, an Output maybe), the objects, and an issue
 * for an object that is not a companion of the expected kind.
 */
function splitReferences(spec: AgentRuntimeSpecArgs) {
    const objects: Companions = {};
    const issues: SpecIssue[] = [];
    if (spec === null || typeof spec !== "object") return { plain: spec as unknown as AgentRuntimeSpecInput, recorded: spec as unknown, objects, issues };
    const plain: any = { ...spec };
    const recorded: any = { ...spec };
    for (const field of Object.keys(REFERENCE_KINDS) as ReferenceField[]) {
        const ref = (spec as any)[field];
        const given = ref?.name;
        if (given === null || typeof given !== "object" || pulumi.Output.isInstance(given)) continue;
        const kind = REFERENCE_KINDS[field];
        const actual = (given as Partial<Companion<any>>).companionKind;
        if (actual !== kind) {
            // The Provider kind's component is LlmProvider.
            const component = (k: string) => (k === "Provider" ? "LlmProvider" : k);
            issues.push({ path: `spec.${field}.name`, message: `must be a name or a ${component(kind)} (got ${actual ? `a ${component(actual)}` : "another object"})` });
            plain[field] = recorded[field] = { ...ref, name: undefined };
            continue;
        }
        const companion = given as Companion<any>;
        (objects as any)[field] = companion;
        // The companion's own namespace is the reference's: one given beside it is ignored.
        const { namespace: _, ...rest } = ref;
        plain[field] = { ...rest, name: companion.shape.name };
        recorded[field] = { ...rest, name: companion.shape.name, ...(field === "promptPackRef" ? {} : { namespace: companion.namespaceInput }) };
    }
    return { plain: plain as AgentRuntimeSpecInput, recorded: recorded as unknown, objects, issues };
}

/** A reference resolved now (a companion of this program) or, for the cluster, once its descriptor is read. */
interface Resolution<T> {
    value: pulumi.Output<T>;
    companion?: Companion<any>;
    read?: pulumi.Resource;
}

/** A companion of this program a reference points at, with its descriptor (the namespace known). */
interface Found<C extends Companion<any>> {
    companion: C;
    descriptor: C extends Companion<infer D> ? D : never;
}

/**
 * Where the agent is and what its references point at, every value known: a companion of this
 * program, or (undefined) an object read from the cluster.
 */
interface Located {
    meta: ValidatedDocument<"AgentRuntime">["metadata"];
    pack?: Found<PromptPack>;
    provider?: Found<LlmProvider>;
    tools?: Found<ToolRegistry>;
}

/** Where a reference points, when that can be told now: a companion, the cluster, or "later" (a namespace is an Output). */
type Target<C> = C | "cluster" | "later";

/** The references resolved and the resources that resolving them made. */
interface Wiring {
    refs: pulumi.Output<ResolvedReferences>;
    /** The references as plain values, when every one resolves without a read. */
    refsNow?: ResolvedReferences;
    reads: pulumi.Resource[];
    companions: Companion<any>[];
    /** The copy of the Provider's Secret next to the agent, when the Provider is in another namespace. */
    copy?: { data: pulumi.Output<Record<string, string>>; check?: pulumi.Output<boolean> };
    provider?: LlmProvider;
}

/** What the children are made from once the metadata and the references are known. */
interface Placed {
    meta: ValidatedDocument<"AgentRuntime">["metadata"];
    refs: ResolvedReferences;
    objects: AgentRuntimeObjects;
    credentialsVersion: pulumi.Output<string>;
    /** What every child waits for: reads of the cluster, and (the Deployment) the companions and the credentials copy. */
    reads: pulumi.Resource[];
    companions: Companion<any>[];
    credentialsSecret?: k8s.core.v1.Secret;
}

/** An AI agent on Kubernetes: Deployment, Service, autoscaler, bindings and readiness outputs. */
export class AgentRuntime extends pulumi.ComponentResource {
    static readonly __pulumiType = "omnia:index:AgentRuntime";

    /** Readiness with the CRD's status shape (phase, replicas, conditions); unknown during preview of new objects. */
    readonly status: pulumi.Output<AgentRuntimeStatus>;
    /** `<name>.<namespace>.svc.cluster.local:<port>`, once the Service exists. */
    readonly serviceEndpoint: pulumi.Output<string>;
    /** The PromptPack version the agent runs. */
    readonly activeVersion: pulumi.Output<string>;
    readonly deployment: k8s.apps.v1.Deployment;
    readonly service: k8s.core.v1.Service;
    readonly serviceAccount: k8s.core.v1.ServiceAccount;
    readonly horizontalPodAutoscaler?: k8s.autoscaling.v2.HorizontalPodAutoscaler;
    readonly scaledObject?: k8s.apiextensions.CustomResource;
    readonly podDisruptionBudget?: k8s.policy.v1.PodDisruptionBudget;
    readonly networkPolicy?: k8s.networking.v1.NetworkPolicy;
    readonly toolsConfigMap?: k8s.core.v1.ConfigMap;
    /**
     * Copy of a Provider's Secret from another namespace. Undefined when a namespace involved was an
     * Output: the copy is then made (when needed) once the namespaces are known.
     */
    readonly credentialsSecret?: k8s.core.v1.Secret;

    constructor(name: string, args: AgentRuntimeArgs, opts?: pulumi.ComponentResourceOptions) {
        // Everything that can be checked now is checked before the component registers: a bad spec,
        // or a reference to a companion of this program that does not resolve, creates nothing.
        const subject = `AgentRuntime "${name}"`;
        if (args === null || typeof args !== "object")
            throw new SpecValidationError(subject, [{ path: "spec", message: "is required (the arguments are { metadata?, spec, images? })" }]);
        const { plain, recorded, objects, issues } = splitReferences(args.spec);
        const images = packageImages(args.images);
        const metadata = placeMetadata(args.metadata);
        const document = (m: unknown) => ({ metadata: m, spec: plain, images, networkPolicy: args.networkPolicy, ephemeralStorage: args.ephemeralStorage });
        let doc: ValidatedDocument<"AgentRuntime"> | undefined;
        try {
            doc = validateDocument("AgentRuntime", name, document(metadata.standIn));
        } catch (e) {
            if (!(e instanceof SpecValidationError)) throw e;
            const reported = new Set(issues.map((i) => i.path));
            issues.push(...e.issues.filter((i) => !reported.has(i.path)));
        }
        if (!doc || issues.length) throw new SpecValidationError(subject, issues);
        const { spec } = doc;
        const usesRuntime = spec.facade.handler === "runtime";
        const providerRef = usesRuntime ? spec.providerRef : undefined;
        const toolsRef = usesRuntime ? spec.toolRegistryRef : undefined;

        // Where each reference points, when that can be told now: the companion given, one of this program
        // declared under that name, or the cluster. A namespace that is an Output leaves it for later.
        const agentNs = metadata.namespacePending ? undefined : doc.metadata.namespace;
        const target = <C extends Companion<any>>(kind: CompanionKind, given: C | undefined, refNs: string | undefined, refName: string): Target<C> => {
            if (given) return given;
            const ns = refNs ?? agentNs;
            if (ns === undefined) return "later";
            const found = companionNow<C>(kind, ns, refName);
            return !found.decided ? "later" : (found.companion ?? "cluster");
        };
        const pack = target("PromptPack", objects.promptPackRef, undefined, spec.promptPackRef.name);
        const provider = providerRef && target("Provider", objects.providerRef, providerRef.namespace, providerRef.name);
        const tools = toolsRef && target("ToolRegistry", objects.toolRegistryRef, toolsRef.namespace, toolsRef.name);
        const known = <C extends Companion<any>>(t: Target<C> | undefined): t is C | "cluster" | undefined => t !== "later" && (typeof t !== "object" || t.placedNow !== undefined);
        const foundNow = <C extends Companion<any>>(t: Target<C> | undefined): Found<C> | undefined =>
            typeof t === "object" ? { companion: t, descriptor: t.placedNow!.descriptor } : undefined;
        const now: Located | undefined =
            !metadata.later && known(pack) && known(provider) && known(tools)
                ? { meta: doc.metadata, pack: foundNow(pack), provider: foundNow(provider), tools: foundNow(tools) }
                : undefined;

        let packNow: ResolvedPromptPack | undefined;
        if (now) {
            const checked = AgentRuntime.checkReferences(spec, now);
            issues.push(...checked.issues);
            packNow = checked.packNow;
        } else if (typeof pack === "object" && pack.placedNow) {
            // The pack's versions and tracks do not depend on where the agent is: checked now.
            issues.push(...AgentRuntime.checkReferences(spec, { meta: { ...doc.metadata, namespace: pack.placedNow.metadata.namespace }, pack: foundNow(pack) }).issues);
        }
        if (issues.length) throw new SpecValidationError(subject, issues);
        // The inputs as written (references by name) reach the engine, so policy packs can check them.
        const inputs = { metadata: args.metadata, spec: recorded, images: args.images, networkPolicy: args.networkPolicy, ephemeralStorage: args.ephemeralStorage };
        super(AgentRuntime.__pulumiType, name, withSecretsAt(inputs, args.secretPaths), opts);

        if (spec.providerRef && spec.provider) {
            pulumi.log.warn("spec.providerRef and spec.provider are both set: providerRef wins and the inline provider is ignored", this);
        }
        // Secrets of every companion the references may resolve to (the plugin's; TypeScript values carry none).
        const candidates = [
            ...Object.values(objects),
            ...(pack === "later" ? companionsNamed("PromptPack", spec.promptPackRef.name) : []).map((e) => e.companion as Companion<any>),
            ...(provider === "later" ? companionsNamed("Provider", providerRef!.name) : []).map((e) => e.companion as Companion<any>),
            ...(tools === "later" ? companionsNamed("ToolRegistry", toolsRef!.name) : []).map((e) => e.companion as Companion<any>),
            ...[pack, provider, tools].filter((t) => typeof t === "object").map((t) => t as Companion<any>),
        ];
        const secrets = SecretValues.at({ metadata: args.metadata, spec: plain }, args.secretPaths).union(...candidates.map((c) => c.secretValues));
        const renderOptions = documentRenderOptions(doc);

        // The children are made from plain values when everything is known now (as cheap to register as
        // hand-written objects), else from one Output that every child waits for: a metadata value or a
        // reference that fails validation once known creates nothing.
        let objectsNow: AgentRuntimeObjects | undefined;
        let wiring: Wiring | undefined;
        let metaNow: Located["meta"] | undefined;
        let refs: pulumi.Output<ResolvedReferences>;
        // Made only when a child needs it: Outputs cost CPU per agent, and a fleet has many agents.
        let placedOnce: pulumi.Output<Placed> | undefined;
        let placed: () => pulumi.Output<Placed>;
        if (now) {
            const w = this.connect(name, subject, spec, now, packNow);
            wiring = w;
            const meta = now.meta;
            metaNow = meta;
            objectsNow = w.refsNow && renderAgentRuntime(meta, spec, w.refsNow, renderOptions);
            refs = w.refs;
            const credentialsVersion = w.provider?.credentialsVersion ?? pulumi.output("");
            placed = () =>
                (placedOnce ??= w.refs.apply(
                    (r): Placed => ({
                        meta,
                        refs: r,
                        objects: objectsNow ?? renderAgentRuntime(meta, spec, r, renderOptions),
                        credentialsVersion,
                        reads: w.reads,
                        companions: w.companions,
                    }),
                ));
        } else {
            const later = this.placeLater(name, subject, spec, renderOptions, {
                meta: metadata.later ? metadata.later.apply((m) => validateDocument("AgentRuntime", name, document(m)).metadata) : pulumi.output(doc.metadata),
                pack: pack as Target<PromptPack>,
                provider,
                tools,
            });
            placed = () => later;
            refs = later.apply((p) => p.refs);
        }

        const rendered = <T>(pick: (o: AgentRuntimeObjects) => T): T | pulumi.Output<T> => (objectsNow ? pick(objectsNow) : placed().apply((p) => pick(p.objects)));
        const dependencies = (p: Pick<Placed, "reads" | "companions" | "credentialsSecret">, extra: pulumi.Resource[], all: boolean) => [
            ...p.reads,
            ...(all ? p.companions : []),
            ...extra,
            ...(all && p.credentialsSecret ? [p.credentialsSecret] : []),
        ];
        // `all`: also the companions and the credentials copy (the Deployment's pods read them).
        const child = (extra: pulumi.Resource[] = [], all = false) => ({
            parent: this,
            dependsOn: wiring ? dependencies({ ...wiring, credentialsSecret: this.credentialsSecret }, extra, all) : placed().apply((p) => dependencies(p, extra, all)),
        });
        const fieldsOf = <T extends object>(object: T | undefined | pulumi.Output<T | undefined>, fields: (keyof T)[]) =>
            secrets.protect(
                Object.fromEntries(
                    fields.map((f) => [f, pulumi.Output.isInstance(object) ? (object as pulumi.Output<T | undefined>).apply((o) => o?.[f]) : (object as T | undefined)?.[f]]),
                ) as any,
            );

        this.serviceAccount = new k8s.core.v1.ServiceAccount(
            name,
            fieldsOf(
                rendered((o) => o.serviceAccount),
                ["metadata", "automountServiceAccountToken"],
            ),
            child(),
        );
        if (wiring?.copy) {
            this.credentialsSecret = this.credentialsCopy(
                name,
                wiring.copy,
                rendered((o) => o.credentialsCopy!.metadata),
                wiring.reads,
            );
        }
        if (toolsRef) {
            this.toolsConfigMap = new k8s.core.v1.ConfigMap(
                `${name}-tools`,
                fieldsOf(
                    rendered((o) => o.toolsConfigMap),
                    ["metadata", "data"],
                ),
                child(),
            );
        }
        // Rendered again with the credentials version of a managed key: only the Deployment rolls when it changes.
        const deployment =
            objectsNow && !wiring?.provider?.secret
                ? withReplicaOwnership(objectsNow.deployment, spec)
                : placed().apply((p) =>
                      p.credentialsVersion.apply((cv) =>
                          withReplicaOwnership(renderAgentRuntime(p.meta, spec, p.refs, { ...renderOptions, credentialsVersion: cv }).deployment, spec),
                      ),
                  );
        const deploymentArgs = fieldsOf(deployment, ["metadata", "spec"]);
        this.deployment = new k8s.apps.v1.Deployment(name, secrets.empty ? deploymentArgs : { metadata: deploymentArgs.metadata, spec: pulumi.secret(deploymentArgs.spec) }, {
            ...child([this.serviceAccount, ...(this.toolsConfigMap ? [this.toolsConfigMap] : [])], true),
            ignoreChanges: replicaIgnoreChanges(spec),
        });
        this.service = new k8s.core.v1.Service(
            name,
            fieldsOf(
                rendered((o) => serviceWithoutAwait(o.service)),
                ["metadata", "spec"],
            ),
            child(),
        );
        const scaling = spec.runtime.autoscaling;
        if (scaling.enabled && scaling.type === "hpa") {
            this.horizontalPodAutoscaler = new k8s.autoscaling.v2.HorizontalPodAutoscaler(
                name,
                fieldsOf(
                    rendered((o) => o.horizontalPodAutoscaler),
                    ["metadata", "spec"],
                ),
                child([this.deployment]),
            );
        }
        if (scaling.enabled && scaling.type === "keda") {
            const so = rendered((o) => o.scaledObject!);
            this.scaledObject = new k8s.apiextensions.CustomResource(
                name,
                { apiVersion: "keda.sh/v1alpha1", kind: "ScaledObject", ...fieldsOf(so, ["metadata", "spec"]) },
                child([this.deployment]),
            );
        }
        if (doc.networkPolicy.enabled) {
            this.networkPolicy = new k8s.networking.v1.NetworkPolicy(
                name,
                fieldsOf(
                    rendered((o) => o.networkPolicy),
                    ["metadata", "spec"],
                ),
                child(),
            );
        }
        if (mayRunSeveralPods(spec)) {
            this.podDisruptionBudget = new k8s.policy.v1.PodDisruptionBudget(
                name,
                fieldsOf(
                    rendered((o) => o.podDisruptionBudget),
                    ["metadata", "spec"],
                ),
                child(),
            );
        }

        this.activeVersion = secrets.protectOutput(refs.apply((r) => r.promptPack.version));
        // Only once the Service has a cluster IP: during a preview of a new Service this stays unknown.
        this.serviceEndpoint = secrets.protectOutput(
            metaNow
                ? this.service.spec.clusterIP.apply(() => serviceEndpoint(metaNow!, spec))
                : pulumi.all([this.service.spec.clusterIP, placed()]).apply(([, p]) => serviceEndpoint(p.meta, spec)),
        );
        const autoscaler = this.horizontalPodAutoscaler ? "HorizontalPodAutoscaler" : this.scaledObject ? "ScaledObject" : undefined;
        this.status = secrets.protectOutput(
            pulumi.all([this.deployment.spec, this.deployment.status, this.service.spec, refs]).apply(([dSpec, dStatus, sSpec, r]) =>
                agentStatus({
                    deployment: { spec: dSpec, status: dStatus as any },
                    service: { spec: sSpec },
                    promptPack: r.promptPack,
                    provider: r.provider ? { name: r.provider.source?.name ?? r.provider.type, namespace: r.provider.source?.namespace } : undefined,
                    toolRegistry: r.toolRegistry,
                    autoscaler,
                    handler: spec.facade.handler,
                }),
            ),
        );
        // The readiness outputs are this object's properties (and, through the plugin, the Construct result),
        // recomputed at every `pulumi up`. Kept out of the stack's state: a copy there would go stale (nothing
        // refreshes a component), and registering them once the Deployment is ready made the engine rewrite
        // the whole state file once more per agent at the end of `pulumi up`, the step that costs most (N = 50:
        // 10 % of the CLI's CPU). With nothing to wait for, the registration is written while the state is small.
        this.registerOutputs({});
    }

    /** What can be checked once the references are located: a pack in the agent's namespace, with the version or track asked for. */
    private static checkReferences(spec: AgentRuntimeSpec, located: Located): { issues: SpecIssue[]; packNow?: ResolvedPromptPack } {
        const { meta, pack } = located;
        if (!pack) return { issues: [] };
        const issues: SpecIssue[] = [];
        const d = pack.descriptor;
        if (d.namespace !== meta.namespace) {
            issues.push({ path: "spec.promptPackRef.name", message: `PromptPack "${d.namespace}/${d.name}" must be in the agent's namespace "${meta.namespace}"` });
        }
        try {
            return { issues, packNow: resolvePromptPack(meta.name, d, spec.promptPackRef) };
        } catch (e) {
            if (!(e instanceof SpecValidationError)) throw e;
            return { issues: [...issues, ...e.issues] };
        }
    }

    /**
     * Resolves the located references: companions of this program at once, the others by reading their
     * descriptors from the cluster (children of this component); a Provider in another namespace gets
     * its Secret copied next to the agent.
     */
    private connect(name: string, subject: string, spec: AgentRuntimeSpec, located: Located, packNow: ResolvedPromptPack | undefined): Wiring {
        const { meta, pack, provider, tools } = located;
        const ns = meta.namespace;
        const usesRuntime = spec.facade.handler === "runtime";
        const providerRef = usesRuntime ? spec.providerRef : undefined;
        const toolsRef = usesRuntime ? spec.toolRegistryRef : undefined;
        const providerNs = provider ? provider.descriptor.namespace : (providerRef?.namespace ?? ns);
        const fromCluster = <D extends Descriptor>(kind: CompanionKind, refNs: string, refName: string, field: ReferenceField): Resolution<D> => {
            const where = `${refNs}/${descriptorName(kind, refName)}`;
            const read = k8s.core.v1.ConfigMap.get(`${name}-${field.toLowerCase()}`, where, { parent: this });
            const value = read.data.apply((data) => {
                try {
                    return parseDescriptor<D>(kind as D["kind"], data, where);
                } catch (e) {
                    throw new SpecValidationError(subject, [{ path: `spec.${field}.name`, message: `${kind} "${refNs}/${refName}" cannot be resolved: ${(e as Error).message}` }]);
                }
            });
            return { value, read };
        };
        const packResolution: Resolution<ResolvedPromptPack> = packNow
            ? { value: pulumi.output(packNow), companion: pack!.companion }
            : (() => {
                  const r = fromCluster<PromptPackDescriptor>("PromptPack", ns, spec.promptPackRef.name, "promptPackRef");
                  return { ...r, value: r.value.apply((d) => resolvePromptPack(meta.name, d, spec.promptPackRef)) };
              })();
        const providerResolution: Resolution<ProviderDescriptor> | undefined = providerRef
            ? provider
                ? { value: pulumi.output(provider.descriptor), companion: provider.companion }
                : fromCluster<ProviderDescriptor>("Provider", providerNs, providerRef.name, "providerRef")
            : undefined;
        const toolsResolution: Resolution<ToolRegistryDescriptor> | undefined = toolsRef
            ? tools
                ? { value: pulumi.output(tools.descriptor), companion: tools.companion }
                : fromCluster<ToolRegistryDescriptor>("ToolRegistry", toolsRef.namespace ?? ns, toolsRef.name, "toolRegistryRef")
            : undefined;
        const resolutions = [packResolution, providerResolution, toolsResolution].filter((r): r is Resolution<any> => r !== undefined);
        const reads = resolutions.map((r) => r.read).filter((r): r is pulumi.Resource => r !== undefined);
        const companions = resolutions.map((r) => r.companion).filter((c): c is Companion<any> => c !== undefined);

        const inline: ResolvedProvider | undefined = usesRuntime && !providerRef && spec.provider ? resolveInlineProvider(spec.provider) : undefined;
        const resolved = (promptPack: ResolvedPromptPack, pr?: ProviderDescriptor, t?: ToolRegistryDescriptor): ResolvedReferences => ({
            promptPack,
            provider: pr ? resolveProvider(pr) : inline,
            toolRegistry: t ? resolveToolRegistry(t) : undefined,
        });
        const managed = provider?.companion;
        const copy = providerRef && providerNs !== ns ? this.credentialsSource(name, subject, providerResolution!.value, managed) : undefined;
        const refsNow = reads.length === 0 && !copy?.check ? resolved(packNow!, provider?.descriptor, tools?.descriptor) : undefined;
        let refs: pulumi.Output<ResolvedReferences> = refsNow
            ? pulumi.output(refsNow)
            : pulumi
                  .all([packResolution.value, providerResolution?.value, toolsResolution?.value])
                  .apply(([p, pr, t]) => resolved(p, pr as ProviderDescriptor | undefined, t as ToolRegistryDescriptor | undefined));
        // Every child waits for this one validated value: a reference that fails creates nothing.
        if (copy?.check) refs = pulumi.all([refs, copy.check]).apply(([r]) => r);
        return { refs, refsNow, reads, companions, copy, provider: managed };
    }

    /**
     * The children's values once the metadata and every reference are known: located, checked (a
     * failure fails every child and output, naming the field), resolved and rendered.
     */
    private placeLater(
        name: string,
        subject: string,
        spec: AgentRuntimeSpec,
        renderOptions: RenderOptions,
        targets: { meta: pulumi.Output<Located["meta"]>; pack: Target<PromptPack>; provider?: Target<LlmProvider>; tools?: Target<ToolRegistry> },
    ): pulumi.Output<Placed> {
        const { meta } = targets;
        const locate = <C extends Companion<any>>(
            kind: CompanionKind,
            t: Target<C> | undefined,
            refNs: string | undefined,
            refName: string | undefined,
        ): pulumi.Output<Found<C> | undefined> => {
            const found = (c: C | undefined) => (c ? c.placed.apply((p) => ({ companion: c, descriptor: p.descriptor }) as Found<C>) : pulumi.output(undefined));
            if (t === undefined || t === "cluster") return pulumi.output(undefined);
            if (t !== "later") return found(t);
            return meta.apply((m) => companionLater<C>(kind, refNs ?? m.namespace, refName!)).apply((f) => found(f.companion));
        };
        const usesRuntime = spec.facade.handler === "runtime";
        const providerRef = usesRuntime ? spec.providerRef : undefined;
        const toolsRef = usesRuntime ? spec.toolRegistryRef : undefined;
        const located = pulumi
            .all([
                meta,
                locate("PromptPack", targets.pack, undefined, spec.promptPackRef.name),
                locate("Provider", targets.provider, providerRef?.namespace, providerRef?.name),
                locate("ToolRegistry", targets.tools, toolsRef?.namespace, toolsRef?.name),
            ])
            .apply(
                ([m, pack, provider, tools]): Located => ({
                    meta: m,
                    pack: pack as Found<PromptPack> | undefined,
                    provider: provider as Found<LlmProvider> | undefined,
                    tools: tools as Found<ToolRegistry> | undefined,
                }),
            );
        return located.apply((l) => {
            const { issues, packNow } = AgentRuntime.checkReferences(spec, l);
            if (issues.length) throw new SpecValidationError(subject, issues);
            // Reads and the credentials copy register here, once it is known whether they are needed.
            const wiring = this.connect(name, subject, spec, l, packNow);
            const objects = wiring.refs.apply((r) => renderAgentRuntime(l.meta, spec, r, renderOptions));
            const credentialsSecret =
                wiring.copy &&
                this.credentialsCopy(
                    name,
                    wiring.copy,
                    objects.apply((o) => o.credentialsCopy!.metadata),
                    wiring.reads,
                );
            const credentialsVersion = wiring.provider?.credentialsVersion ?? pulumi.output("");
            return pulumi
                .all([wiring.refs, objects])
                .apply(([refs, o]): Placed => ({ meta: l.meta, refs, objects: o, credentialsVersion, reads: wiring.reads, companions: wiring.companions, credentialsSecret }));
        });
    }

    /** The copy of the Provider's Secret, stored as a secret, waiting for the reads. */
    private credentialsCopy(
        name: string,
        copy: NonNullable<Wiring["copy"]>,
        metadata: pulumi.Input<NonNullable<AgentRuntimeObjects["credentialsCopy"]>["metadata"]>,
        reads: pulumi.Resource[],
    ) {
        return new k8s.core.v1.Secret(`${name}-credentials`, { metadata, type: "Opaque", data: pulumi.secret(copy.data) }, { parent: this, dependsOn: reads });
    }

    /**
     * Pods read only their own namespace: the Provider's Secret is copied next to the agent, kept
     * secret in state. `check` fails (and so every child waits and nothing is created) when the
     * Secret has none of the keys the provider reads.
     */
    private credentialsSource(name: string, subject: string, descriptor: pulumi.Output<ProviderDescriptor>, managed: LlmProvider | undefined) {
        const keys = descriptor.apply((d) => (d.secretRef.key ? [d.secretRef.key] : apiKeyVariables(d.type)));
        if (managed?.apiKey) {
            return { data: pulumi.all([keys, managed.apiKey]).apply(([k, key]) => ({ [k[0]]: Buffer.from(key).toString("base64") })), check: undefined };
        }
        const from = descriptor.apply((d) => `${d.namespace}/${d.secretRef.name}`);
        const source = k8s.core.v1.Secret.get(`${name}-provider-secret`, from, { parent: this });
        const data = pulumi.all([keys, source.data]).apply(([k, d]) => Object.fromEntries(k.filter((key) => d?.[key] !== undefined).map((key) => [key, d[key]])));
        // Which keys exist is not secret: the check is a plain value every child can wait on.
        const check = pulumi.unsecret(
            pulumi.all([keys, data, from]).apply(([k, picked, where]) => {
                if (Object.keys(picked).length === 0) {
                    throw new SpecValidationError(subject, [{ path: "spec.providerRef", message: `Secret "${where}" has none of the keys ${k.join(", ")}` }]);
                }
                return true;
            }),
        );
        return { data, check };
    }
}

/**
 * The component's image overrides over the stack-wide ones (`pulumi config set omnia:runtimeImage ...`,
 * also `omnia:facadeImage`), which the plugin receives with the stack's config too.
 */
function packageImages(images: Partial<Images> | undefined): Partial<Images> | undefined {
    const config = new pulumi.Config("omnia");
    const merged = { facade: images?.facade ?? config.get("facadeImage"), runtime: images?.runtime ?? config.get("runtimeImage") };
    const given = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined));
    return Object.keys(given).length ? given : undefined;
}
