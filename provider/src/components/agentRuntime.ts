// The AgentRuntime component: validate, resolve references, render, create children, report readiness.
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { validateDocument } from "../spec/documents";
import type { AgentRuntimeSpecInput } from "../spec/agentRuntime";
import type { ObjectMetadataInput } from "../spec/common";
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
    renderHorizontalPodAutoscaler,
    renderPodDisruptionBudget,
    renderScaledObject,
    renderService,
    renderServiceAccount,
    ResolvedProvider,
    ResolvedReferences,
    resolveInlineProvider,
    resolvePromptPack,
    resolveProvider,
    resolveToolRegistry,
    ToolRegistryDescriptor,
    serviceEndpoint,
    isMultiReplica,
    KubeObject,
} from "../render";
import { LlmProvider, PromptPack, ToolRegistry } from "./companions";
import { findCompanion } from "./registry";
import { agentStatus, AgentRuntimeStatus } from "./status";

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
}

/** Replaces companion objects in the references by their names; returns the plain spec and the objects. */
function splitReferences(spec: AgentRuntimeSpecArgs) {
    const objects: { promptPack?: PromptPack; provider?: LlmProvider; toolRegistry?: ToolRegistry } = {};
    const plain: any = { ...spec };
    const take = <C extends { descriptor: Descriptor }>(field: "promptPackRef" | "providerRef" | "toolRegistryRef", set: (c: C) => void, withNamespace: boolean) => {
        const ref = (spec as any)?.[field];
        if (ref && typeof ref.name === "object" && ref.name !== null && "descriptor" in ref.name) {
            const companion = ref.name as C;
            set(companion);
            plain[field] = { ...ref, name: companion.descriptor.name, ...(withNamespace ? { namespace: companion.descriptor.namespace } : {}) };
        }
    };
    take<PromptPack>("promptPackRef", (c) => (objects.promptPack = c), false);
    take<LlmProvider>("providerRef", (c) => (objects.provider = c), true);
    take<ToolRegistry>("toolRegistryRef", (c) => (objects.toolRegistry = c), true);
    return { plain: plain as AgentRuntimeSpecInput, objects };
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
    readonly toolsConfigMap?: k8s.core.v1.ConfigMap;
    /** Copy of a Provider's Secret from another namespace. */
    readonly credentialsSecret?: k8s.core.v1.Secret;

    constructor(name: string, args: AgentRuntimeArgs, opts?: pulumi.ComponentResourceOptions) {
        // Everything is checked before the component registers, so a bad spec creates nothing.
        const { plain, objects } = splitReferences(args.spec);
        const images = packageImages(args.images);
        const issues: SpecIssue[] = [];
        let doc: ReturnType<typeof validateDocument<"AgentRuntime">> | undefined;
        try {
            doc = validateDocument("AgentRuntime", name, { metadata: args.metadata, spec: plain, images });
        } catch (e) {
            if (!(e instanceof SpecValidationError)) throw e;
            issues.push(...e.issues);
        }
        const pack = objects.promptPack?.descriptor;
        if (doc && pack && pack.namespace !== doc.metadata.namespace) {
            issues.push({ path: "spec.promptPackRef.name", message: `PromptPack "${pack.namespace}/${pack.name}" must be in the agent's namespace "${doc.metadata.namespace}"` });
        }
        if (!doc || issues.length) throw new SpecValidationError(`AgentRuntime "${name}"`, issues);
        // The inputs as written (references by name) reach the engine, so policy packs can check them.
        super(AgentRuntime.__pulumiType, name, { metadata: args.metadata, spec: plain, images: args.images }, opts);

        const { metadata: meta, spec } = doc;
        const ns = meta.namespace;
        const usesRuntime = spec.facade.handler === "runtime";
        if (spec.providerRef && spec.provider) {
            pulumi.log.warn("spec.providerRef and spec.provider are both set: providerRef wins and the inline provider is ignored", this);
        }

        // A reference resolves to the companion passed in, else one declared in this program, else the cluster.
        // Every child waits for the cluster reads, so a reference that resolves nowhere creates nothing.
        const reads: pulumi.Resource[] = [];
        const resolveRef = <D extends Descriptor>(kind: CompanionKind, given: { descriptor: D } | undefined, refNs: string, refName: string, field: string) => {
            const companion = given ?? findCompanion<any>(kind, refNs, refName);
            if (companion) return { companion: companion as pulumi.Resource, descriptor: pulumi.output(companion.descriptor as D) };
            const where = `${refNs}/${descriptorName(kind, refName)}`;
            const read = k8s.core.v1.ConfigMap.get(`${name}-${field.toLowerCase()}`, where, { parent: this });
            reads.push(read);
            const descriptor = read.data.apply((data) => {
                try {
                    return parseDescriptor<D>(kind as D["kind"], data, where);
                } catch (e) {
                    throw new SpecValidationError(`AgentRuntime "${name}"`, [{ path: `spec.${field}.name`, message: `${kind} "${refNs}/${refName}" cannot be resolved: ${(e as Error).message}` }]);
                }
            });
            return { companion: undefined, descriptor };
        };

        const promptPack = resolveRef<PromptPackDescriptor>("PromptPack", objects.promptPack, ns, spec.promptPackRef.name, "promptPackRef");
        const providerRef = usesRuntime && spec.providerRef ? spec.providerRef : undefined;
        const providerNs = providerRef?.namespace ?? ns;
        const provider = providerRef ? resolveRef<ProviderDescriptor>("Provider", objects.provider, providerNs, providerRef.name, "providerRef") : undefined;
        const toolsRef = usesRuntime ? spec.toolRegistryRef : undefined;
        const tools = toolsRef ? resolveRef<ToolRegistryDescriptor>("ToolRegistry", objects.toolRegistry, toolsRef.namespace ?? ns, toolsRef.name, "toolRegistryRef") : undefined;
        const companions = [promptPack, provider, tools].map((r) => r?.companion).filter((c): c is pulumi.Resource => c !== undefined);

        const inline: ResolvedProvider | undefined = usesRuntime && !providerRef && spec.provider ? resolveInlineProvider(spec.provider) : undefined;
        const refs: pulumi.Output<ResolvedReferences> = pulumi
            .all([promptPack.descriptor, provider?.descriptor, tools?.descriptor])
            .apply(([p, pr, t]) => ({
                promptPack: resolvePromptPack(meta.name, p as PromptPackDescriptor, spec.promptPackRef),
                provider: pr ? resolveProvider(pr as ProviderDescriptor) : inline,
                toolRegistry: t ? resolveToolRegistry(t as ToolRegistryDescriptor) : undefined,
            }));
        const providerObject = provider?.companion as LlmProvider | undefined;
        const credentialsVersion = providerObject?.credentialsVersion ?? pulumi.output("");
        const rendered = pulumi
            .all([refs, credentialsVersion])
            .apply(([r, cv]) => renderAgentRuntime(meta, spec, r, { images: doc.images, credentialsVersion: cv }));

        const child = { parent: this, dependsOn: reads };
        this.serviceAccount = new k8s.core.v1.ServiceAccount(name, body(renderServiceAccount(meta)), child);
        if (providerRef && providerNs !== ns) {
            this.credentialsSecret = this.copyCredentials(name, rendered, provider!.descriptor, providerObject);
        }
        if (toolsRef) {
            const toolsConfigMap = rendered.apply((o) => o.toolsConfigMap!);
            this.toolsConfigMap = new k8s.core.v1.ConfigMap(
                `${name}-tools`,
                { metadata: toolsConfigMap.apply((c) => c.metadata), data: toolsConfigMap.apply((c) => c.data as Record<string, string>) },
                child,
            );
        }
        const deployment = rendered.apply((o) => o.deployment);
        this.deployment = new k8s.apps.v1.Deployment(
            name,
            { metadata: deployment.apply((d) => d.metadata), spec: deployment.apply((d) => d.spec as k8s.types.input.apps.v1.DeploymentSpec) },
            { parent: this, dependsOn: [...reads, this.serviceAccount, ...companions, ...(this.toolsConfigMap ? [this.toolsConfigMap] : []), ...(this.credentialsSecret ? [this.credentialsSecret] : [])] },
        );
        this.service = new k8s.core.v1.Service(name, body(renderService(meta, spec)), child);
        const scaling = spec.runtime.autoscaling;
        if (scaling.enabled && scaling.type === "hpa") {
            this.horizontalPodAutoscaler = new k8s.autoscaling.v2.HorizontalPodAutoscaler(name, body(renderHorizontalPodAutoscaler(meta, spec)), { parent: this, dependsOn: [...reads, this.deployment] });
        }
        if (scaling.enabled && scaling.type === "keda") {
            const so = renderScaledObject(meta, spec);
            this.scaledObject = new k8s.apiextensions.CustomResource(name, { apiVersion: so.apiVersion, kind: so.kind, metadata: so.metadata, spec: so.spec }, { parent: this, dependsOn: [...reads, this.deployment] });
        }
        if (isMultiReplica(spec)) {
            this.podDisruptionBudget = new k8s.policy.v1.PodDisruptionBudget(name, body(renderPodDisruptionBudget(meta)), child);
        }

        this.activeVersion = refs.apply((r) => r.promptPack.version);
        // Only once the Service has a cluster IP: during a preview of a new Service this stays unknown.
        this.serviceEndpoint = this.service.spec.clusterIP.apply(() => serviceEndpoint(meta, spec));
        const autoscaler = this.horizontalPodAutoscaler ? "HorizontalPodAutoscaler" : this.scaledObject ? "ScaledObject" : undefined;
        this.status = pulumi
            .all([this.deployment.spec, this.deployment.status, this.service.spec, refs])
            .apply(([dSpec, dStatus, sSpec, r]) =>
                agentStatus({
                    deployment: { spec: dSpec, status: dStatus as any },
                    service: { spec: sSpec },
                    promptPack: r.promptPack,
                    provider: r.provider ? { name: r.provider.source?.name ?? r.provider.type, namespace: r.provider.source?.namespace } : undefined,
                    toolRegistry: r.toolRegistry,
                    autoscaler,
                    handler: spec.facade.handler,
                }),
            );
        this.registerOutputs({
            status: this.status,
            serviceEndpoint: this.serviceEndpoint,
            activeVersion: this.activeVersion,
            deployment: this.deployment,
            service: this.service,
        });
    }

    /** Pods read only their own namespace: copy the Provider's Secret next to the agent, kept secret in state. */
    private copyCredentials(
        name: string,
        rendered: pulumi.Output<ReturnType<typeof renderAgentRuntime>>,
        descriptor: pulumi.Output<ProviderDescriptor>,
        managed: LlmProvider | undefined,
    ): k8s.core.v1.Secret {
        const copy = rendered.apply((o) => o.credentialsCopy!);
        const keys = descriptor.apply((d) => (d.secretRef.key ? [d.secretRef.key] : apiKeyVariables(d.type)));
        let data: pulumi.Output<Record<string, string>>;
        if (managed?.apiKey) {
            data = pulumi.all([keys, managed.apiKey]).apply(([k, key]) => ({ [k[0]]: Buffer.from(key).toString("base64") }));
        } else {
            const source = k8s.core.v1.Secret.get(`${name}-provider-secret`, copy.apply((c) => `${c.from.namespace}/${c.from.name}`), { parent: this });
            data = pulumi.all([keys, source.data, copy]).apply(([k, d, c]) => {
                const picked = Object.fromEntries(k.filter((key) => d?.[key] !== undefined).map((key) => [key, d[key]]));
                if (Object.keys(picked).length === 0) {
                    throw new SpecValidationError(`AgentRuntime "${name}"`, [{ path: "spec.providerRef", message: `Secret "${c.from.namespace}/${c.from.name}" has none of the keys ${k.join(", ")}` }]);
                }
                return picked;
            });
        }
        return new k8s.core.v1.Secret(
            `${name}-credentials`,
            { metadata: { name: copy.apply((c) => c.to.name), namespace: copy.apply((c) => c.to.namespace), labels: copy.apply((c) => c.labels) }, type: "Opaque", data: pulumi.secret(data) },
            { parent: this },
        );
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

/** Maps a rendered object to resource args field by field (apiVersion and kind are fixed by the class). */
function body(object: KubeObject): any {
    const { apiVersion: _a, kind: _k, ...fields } = object;
    return fields;
}
