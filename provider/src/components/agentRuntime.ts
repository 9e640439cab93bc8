// The AgentRuntime component: validate, resolve references, render, create children, report readiness.
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { validateDocument, ValidatedDocument } from "../spec/documents";
import type { AgentRuntimeSpecInput } from "../spec/agentRuntime";
import type { ObjectMetadataInput } from "../spec/common";
import type { EphemeralStorageOptionsInput, NetworkPolicyOptionsInput } from "../spec/hardening";
import { SpecIssue, SpecValidationError } from "../spec/errors";
import {
    apiKeyVariables,
    CompanionKind,
    Descriptor,
    descriptorName,
    Images,
    parseDescriptor,
    PromptPackDescriptor,
    ProviderDescriptor,
    renderAgentRuntime,
    AgentRuntimeObjects,
    ResolvedPromptPack,
    ResolvedProvider,
    ResolvedReferences,
    resolveInlineProvider,
    resolvePromptPack,
    resolveProvider,
    resolveToolRegistry,
    ToolRegistryDescriptor,
    serviceEndpoint,
    mayRunSeveralPods,
    documentRenderOptions,
} from "../render";
import { Companion, LlmProvider, PromptPack, ToolRegistry } from "./companions";
import { SecretPath, SecretValues, withSecretsAt } from "./secrets";
import { findCompanion } from "./registry";
import { agentStatus, AgentRuntimeStatus } from "./status";
import { replicaIgnoreChanges, withReplicaOwnership } from "./replicaOwnership";

type Ref<T, C> = Omit<T, "name"> & { /** A name, or the companion declared in this program. */ name: string | C };

/** The CRD's spec, where each reference may name the companion or be the companion itself. */
export type AgentRuntimeSpecArgs = Omit<AgentRuntimeSpecInput, "promptPackRef" | "providerRef" | "toolRegistryRef"> & {
    promptPackRef: Ref<AgentRuntimeSpecInput["promptPackRef"], PromptPack>;
    providerRef?: Ref<NonNullable<AgentRuntimeSpecInput["providerRef"]>, LlmProvider>;
    toolRegistryRef?: Ref<NonNullable<AgentRuntimeSpecInput["toolRegistryRef"]>, ToolRegistry>;
};

export interface AgentRuntimeArgs {
    /** Kubernetes metadata; `name` defaults to the Pulumi resource name and names every object (no suffix). */
    metadata?: ObjectMetadataInput;
    /** The AgentRuntime spec, as in the CRD. Plain values: they decide which objects exist. */
    spec: AgentRuntimeSpecArgs;
    /** Image overrides (full references with a pinned tag or digest); defaults are pinned releases. */
    images?: Partial<Images>;
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
 * Replaces companion objects in the references by their names; returns the plain spec, the objects,
 * and an issue for an object that is not a companion of the expected kind.
 */
function splitReferences(spec: AgentRuntimeSpecArgs) {
    const objects: Companions = {};
    const issues: SpecIssue[] = [];
    if (spec === null || typeof spec !== "object") return { plain: spec as unknown as AgentRuntimeSpecInput, objects, issues };
    const plain: any = { ...spec };
    for (const field of Object.keys(REFERENCE_KINDS) as ReferenceField[]) {
        const ref = (spec as any)[field];
        const given = ref?.name;
        if (given === null || typeof given !== "object" || pulumi.Output.isInstance(given)) continue;
        const kind = REFERENCE_KINDS[field];
        const actual = (given as { descriptor?: Descriptor }).descriptor?.kind;
        if (actual !== kind) {
            // The Provider kind's component is LlmProvider.
            const component = (k: string) => (k === "Provider" ? "LlmProvider" : k);
            issues.push({ path: `spec.${field}.name`, message: `must be a name or a ${component(kind)} (got ${actual ? `a ${component(actual)}` : "another object"})` });
            plain[field] = { ...ref, name: undefined };
            continue;
        }
        (objects as any)[field] = given;
        const descriptor = (given as { descriptor: Descriptor }).descriptor;
        plain[field] = { ...ref, name: descriptor.name, ...(field === "promptPackRef" ? {} : { namespace: descriptor.namespace }) };
    }
    return { plain: plain as AgentRuntimeSpecInput, objects, issues };
}

/** A reference resolved now (a companion of this program) or, for the cluster, once its descriptor is read. */
interface Resolution<T> {
    value: pulumi.Output<T>;
    companion?: Companion<any>;
    read?: pulumi.Resource;
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
    /** Copy of a Provider's Secret from another namespace. */
    readonly credentialsSecret?: k8s.core.v1.Secret;

    constructor(name: string, args: AgentRuntimeArgs, opts?: pulumi.ComponentResourceOptions) {
        // Everything that can be checked now is checked before the component registers: a bad spec,
        // or a reference to a companion of this program that does not resolve, creates nothing.
        const subject = `AgentRuntime "${name}"`;
        if (args === null || typeof args !== "object") throw new SpecValidationError(subject, [{ path: "spec", message: "is required (the arguments are { metadata?, spec, images? })" }]);
        const { plain, objects, issues } = splitReferences(args.spec);
        const images = packageImages(args.images);
        let doc: ValidatedDocument<"AgentRuntime"> | undefined;
        try {
            doc = validateDocument("AgentRuntime", name, { metadata: args.metadata, spec: plain, images, networkPolicy: args.networkPolicy, ephemeralStorage: args.ephemeralStorage });
        } catch (e) {
            if (!(e instanceof SpecValidationError)) throw e;
            const reported = new Set(issues.map((i) => i.path));
            issues.push(...e.issues.filter((i) => !reported.has(i.path)));
        }
        if (!doc || issues.length) throw new SpecValidationError(subject, issues);
        const { metadata: meta, spec } = doc;
        const ns = meta.namespace;
        const usesRuntime = spec.facade.handler === "runtime";
        const providerRef = usesRuntime ? spec.providerRef : undefined;
        const providerNs = providerRef?.namespace ?? ns;
        const toolsRef = usesRuntime ? spec.toolRegistryRef : undefined;
        const known = <C extends Companion<any>>(kind: CompanionKind, given: C | undefined, refNs: string, refName: string) => given ?? findCompanion<C>(kind, refNs, refName);
        const pack = known("PromptPack", objects.promptPackRef, ns, spec.promptPackRef.name);
        const provider = providerRef ? known<LlmProvider>("Provider", objects.providerRef, providerNs, providerRef.name) : undefined;
        const tools = toolsRef ? known<ToolRegistry>("ToolRegistry", objects.toolRegistryRef, toolsRef.namespace ?? ns, toolsRef.name) : undefined;
        if (pack && pack.descriptor.namespace !== ns) {
            issues.push({ path: "spec.promptPackRef.name", message: `PromptPack "${pack.descriptor.namespace}/${pack.descriptor.name}" must be in the agent's namespace "${ns}"` });
        }
        // Companions of this program are resolved now; only references to the cluster wait for a read.
        let packNow: ResolvedPromptPack | undefined;
        try {
            packNow = pack && resolvePromptPack(meta.name, pack.descriptor, spec.promptPackRef);
        } catch (e) {
            if (!(e instanceof SpecValidationError)) throw e;
            issues.push(...e.issues);
        }
        if (issues.length) throw new SpecValidationError(subject, issues);
        // The inputs as written (references by name) reach the engine, so policy packs can check them.
        const inputs = { metadata: args.metadata, spec: plain, images: args.images, networkPolicy: args.networkPolicy, ephemeralStorage: args.ephemeralStorage };
        super(AgentRuntime.__pulumiType, name, withSecretsAt(inputs, args.secretPaths), opts);

        if (spec.providerRef && spec.provider) {
            pulumi.log.warn("spec.providerRef and spec.provider are both set: providerRef wins and the inline provider is ignored", this);
        }
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
            ? { value: pulumi.output(packNow), companion: pack }
            : (() => {
                  const r = fromCluster<PromptPackDescriptor>("PromptPack", ns, spec.promptPackRef.name, "promptPackRef");
                  return { ...r, value: r.value.apply((d) => resolvePromptPack(meta.name, d, spec.promptPackRef)) };
              })();
        const providerResolution: Resolution<ProviderDescriptor> | undefined = providerRef
            ? provider
                ? { value: pulumi.output(provider.descriptor), companion: provider }
                : fromCluster<ProviderDescriptor>("Provider", providerNs, providerRef.name, "providerRef")
            : undefined;
        const toolsResolution: Resolution<ToolRegistryDescriptor> | undefined = toolsRef
            ? tools
                ? { value: pulumi.output(tools.descriptor), companion: tools }
                : fromCluster<ToolRegistryDescriptor>("ToolRegistry", toolsRef.namespace ?? ns, toolsRef.name, "toolRegistryRef")
            : undefined;
        const resolutions = [packResolution, providerResolution, toolsResolution].filter((r): r is Resolution<any> => r !== undefined);
        const reads = resolutions.map((r) => r.read).filter((r): r is pulumi.Resource => r !== undefined);
        const companions = resolutions.map((r) => r.companion).filter((c): c is Companion<any> => c !== undefined);
        const secrets = SecretValues.at({ metadata: args.metadata, spec: plain }, args.secretPaths).union(...companions.map((c) => c.secretValues));

        const inline: ResolvedProvider | undefined = usesRuntime && !providerRef && spec.provider ? resolveInlineProvider(spec.provider) : undefined;
        const resolved = (promptPack: ResolvedPromptPack, pr?: ProviderDescriptor, t?: ToolRegistryDescriptor): ResolvedReferences => ({
            promptPack,
            provider: pr ? resolveProvider(pr) : inline,
            toolRegistry: t ? resolveToolRegistry(t) : undefined,
        });
        let refs: pulumi.Output<ResolvedReferences> = pulumi
            .all([packResolution.value, providerResolution?.value, toolsResolution?.value])
            .apply(([p, pr, t]) => resolved(p, pr as ProviderDescriptor | undefined, t as ToolRegistryDescriptor | undefined));
        const copy = providerRef && providerNs !== ns ? this.credentialsSource(name, subject, providerResolution!.value, provider) : undefined;
        // Every child waits for this one validated value: a reference that fails creates nothing.
        if (copy?.check) refs = pulumi.all([refs, copy.check]).apply(([r]) => r);
        // With every reference known now (companions of this program) the children get plain values, as
        // cheap to register as hand-written objects; otherwise each waits on the validated references.
        const refsNow: ResolvedReferences | undefined =
            reads.length === 0 && !copy?.check
                ? resolved(packNow!, provider?.descriptor, tools?.descriptor)
                : undefined;
        const renderOptions = documentRenderOptions(doc);
        const objectsNow = refsNow && renderAgentRuntime(meta, spec, refsNow, renderOptions);
        const objectsOut = objectsNow ? undefined : refs.apply((r) => renderAgentRuntime(meta, spec, r, renderOptions));
        const rendered = <T>(pick: (o: AgentRuntimeObjects) => T): T | pulumi.Output<T> => (objectsNow ? pick(objectsNow) : objectsOut!.apply(pick));
        const credentialsVersion = provider?.credentialsVersion ?? pulumi.output("");
        const child = (dependsOn: pulumi.Input<pulumi.Resource>[] = []) => ({ parent: this, dependsOn: [...reads, ...dependsOn] });
        const fieldsOf = <T extends object>(object: T | undefined | pulumi.Output<T | undefined>, fields: (keyof T)[]) =>
            secrets.protect(Object.fromEntries(fields.map((f) => [f, pulumi.Output.isInstance(object) ? (object as pulumi.Output<T | undefined>).apply((o) => o?.[f]) : (object as T | undefined)?.[f]])) as any);

        this.serviceAccount = new k8s.core.v1.ServiceAccount(name, fieldsOf(rendered((o) => o.serviceAccount), ["metadata", "automountServiceAccountToken"]), child());
        if (copy) {
            const metadata = rendered((o) => o.credentialsCopy!.metadata);
            this.credentialsSecret = new k8s.core.v1.Secret(`${name}-credentials`, { metadata, type: "Opaque", data: pulumi.secret(copy.data) }, child());
        }
        if (toolsRef) {
            this.toolsConfigMap = new k8s.core.v1.ConfigMap(`${name}-tools`, fieldsOf(rendered((o) => o.toolsConfigMap), ["metadata", "data"]), child());
        }
        // Rendered again with the credentials version of a managed key: only the Deployment rolls when it changes.
        const deployment =
            objectsNow && !provider?.secret
                ? withReplicaOwnership(objectsNow.deployment, spec)
                : pulumi
                      .all([refs, credentialsVersion])
                      .apply(([r, cv]) => withReplicaOwnership(renderAgentRuntime(meta, spec, r, { ...renderOptions, credentialsVersion: cv }).deployment, spec));
        const deploymentArgs = fieldsOf(deployment, ["metadata", "spec"]);
        this.deployment = new k8s.apps.v1.Deployment(
            name,
            secrets.empty ? deploymentArgs : { metadata: deploymentArgs.metadata, spec: pulumi.secret(deploymentArgs.spec) },
            {
                ...child([this.serviceAccount, ...companions, ...(this.toolsConfigMap ? [this.toolsConfigMap] : []), ...(this.credentialsSecret ? [this.credentialsSecret] : [])]),
                ignoreChanges: replicaIgnoreChanges(spec),
            },
        );
        this.service = new k8s.core.v1.Service(name, fieldsOf(rendered((o) => o.service), ["metadata", "spec"]), child());
        const scaling = spec.runtime.autoscaling;
        if (scaling.enabled && scaling.type === "hpa") {
            this.horizontalPodAutoscaler = new k8s.autoscaling.v2.HorizontalPodAutoscaler(name, fieldsOf(rendered((o) => o.horizontalPodAutoscaler), ["metadata", "spec"]), child([this.deployment]));
        }
        if (scaling.enabled && scaling.type === "keda") {
            const so = rendered((o) => o.scaledObject!);
            this.scaledObject = new k8s.apiextensions.CustomResource(name, { apiVersion: "keda.sh/v1alpha1", kind: "ScaledObject", ...fieldsOf(so, ["metadata", "spec"]) }, child([this.deployment]));
        }
        if (doc.networkPolicy.enabled) {
            this.networkPolicy = new k8s.networking.v1.NetworkPolicy(name, fieldsOf(rendered((o) => o.networkPolicy), ["metadata", "spec"]), child());
        }
        if (mayRunSeveralPods(spec)) {
            this.podDisruptionBudget = new k8s.policy.v1.PodDisruptionBudget(name, fieldsOf(rendered((o) => o.podDisruptionBudget), ["metadata", "spec"]), child());
        }

        this.activeVersion = secrets.protectOutput(refs.apply((r) => r.promptPack.version));
        // Only once the Service has a cluster IP: during a preview of a new Service this stays unknown.
        this.serviceEndpoint = secrets.protectOutput(this.service.spec.clusterIP.apply(() => serviceEndpoint(meta, spec)));
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
        this.registerOutputs({
            status: this.status,
            serviceEndpoint: this.serviceEndpoint,
            activeVersion: this.activeVersion,
            deployment: this.deployment,
            service: this.service,
        });
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
