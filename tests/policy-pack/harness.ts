// Calls the pack's policies the way the engine does: props wrapped in unknownCheckingProxy, stack
// tags, per-policy config, notApplicable that throws; the stack name comes from PULUMI_STACK.
import * as path from "path";
import type { Policy, PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policy-pack/policies";
import { renderAgentRuntime, agentRuntimeObjectList, type KubeObject, type ResolvedReferences } from "../../provider/src/render";
import { replicaIgnoreChanges, withReplicaOwnership } from "../../provider/src/components/replicaOwnership";
import { agent } from "../unit/fixtures";

// @pulumi/policy lives in the pack's own node_modules: load the same copy the policies use.
const PACK_DIR = path.join(__dirname, "../../policy-pack");
const policyLib = require(require.resolve("@pulumi/policy", { paths: [PACK_DIR] }));
const proxyLib = require(require.resolve("@pulumi/policy/proxy", { paths: [PACK_DIR] }));
export const unknownCheckingProxy: (props: any) => any = policyLib.unknownCheckingProxy;
/** Sentinels the engine puts where a value is unknown during preview. */
export const UNKNOWN_STRING: string = proxyLib.unknownStringValue;
export const UNKNOWN_NUMBER: string = proxyLib.unknownNumberValue;
export const UNKNOWN_OBJECT: string = proxyLib.unknownObjectValue;
export const UNKNOWN_ARRAY: string = proxyLib.unknownArrayValue;

export const AGENT_TYPE = "omnia:index:AgentRuntime";

export interface Stack {
    /** Stack name (PULUMI_STACK); default "dev". */
    name?: string;
    tags?: Record<string, string>;
    /** Policy pack config as `--policy-pack-config` gives it: policy name -> settings (level excluded). */
    config?: Record<string, Record<string, unknown>>;
}

export interface Resource {
    type: string;
    props: Record<string, any>;
    name?: string;
    /** Props of the resource's provider (e.g. a Kubernetes provider's namespace). */
    provider?: Record<string, any>;
    /** The resource's `ignoreChanges` option. */
    ignoreChanges?: string[];
}

export interface Violation {
    policy: string;
    level: string;
    message: string;
    urn?: string;
}

export interface Outcome {
    violations: string[];
    notApplicable?: string;
}

class NotApplicable extends Error {
    constructor(readonly reason?: string) {
        super(reason);
    }
}

export function policy(name: string): Policy {
    const found = policies.find((p) => p.name === name);
    if (!found) throw new Error(`no policy ${name}`);
    return found;
}

const urnOf = (r: Resource, i: number) => `urn:pulumi:dev::omnia::${r.type}::${r.name ?? `r${i}`}`;

function withStack<T>(stack: Stack, run: () => T): T {
    const saved = process.env.PULUMI_STACK;
    process.env.PULUMI_STACK = stack.name ?? "dev";
    try {
        return run();
    } finally {
        if (saved === undefined) delete process.env.PULUMI_STACK;
        else process.env.PULUMI_STACK = saved;
    }
}

function common(p: Policy, stack: Stack) {
    return {
        stackTags: new Map(Object.entries(stack.tags ?? {})) as ReadonlyMap<string, string>,
        getConfig: <T extends object>() => ({ ...(stack.config?.[p.name] ?? {}) }) as T,
        notApplicable: (reason?: string): never => {
            throw new NotApplicable(reason);
        },
    };
}

function resourceArgs(p: Policy, r: Resource, i: number, stack: Stack) {
    const props = unknownCheckingProxy(r.props);
    return {
        type: r.type,
        props,
        urn: urnOf(r, i),
        name: r.name ?? `r${i}`,
        opts: {
            protect: false,
            ignoreChanges: r.ignoreChanges ?? [],
            aliases: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            additionalSecretOutputs: [],
        },
        ...(r.provider ? { provider: { type: "pulumi:providers:kubernetes", props: unknownCheckingProxy(r.provider), urn: "urn:provider", name: "k8s" } } : {}),
        isType: () => false,
        asType: () => undefined,
        ...common(p, stack),
    };
}

/** Runs one policy on one resource (resource policy) or on the resources (stack policy). */
export function run(name: string, resources: Resource | Resource[], stack: Stack = {}): Outcome {
    const p = policy(name);
    const list = Array.isArray(resources) ? resources : [resources];
    const violations: string[] = [];
    return withStack(stack, () => {
        try {
            if ("validateResource" in p) {
                list.forEach((r, i) => {
                    const validate = (p as ResourceValidationPolicy).validateResource as Function;
                    validate(resourceArgs(p, r, i, stack), (message: string) => violations.push(message));
                });
            } else {
                const args = { resources: stackResources(list), ...common(p, stack) };
                ((p as StackValidationPolicy).validateStack as Function)(args, (message: string) => violations.push(message));
            }
        } catch (e) {
            if (e instanceof NotApplicable) return { violations, notApplicable: e.reason };
            throw e;
        }
        return { violations };
    });
}

function stackResources(list: Resource[]): PolicyResource[] {
    return list.map((r, i) => ({
        type: r.type,
        props: unknownCheckingProxy(r.props),
        urn: urnOf(r, i),
        name: r.name ?? `r${i}`,
        opts: {
            protect: false,
            ignoreChanges: r.ignoreChanges ?? [],
            aliases: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            additionalSecretOutputs: [],
        },
        ...(r.provider ? { provider: { type: "pulumi:providers:kubernetes", props: unknownCheckingProxy(r.provider), urn: "urn:provider", name: "k8s" } } : {}),
        dependencies: [],
        propertyDependencies: {},
        isType: () => false,
        asType: () => undefined,
    })) as unknown as PolicyResource[];
}

/** Every policy of the pack on every resource (resource policies) and on the whole list (stack policies). */
export function runAll(resources: Resource[], stack: Stack = {}): Violation[] {
    const out: Violation[] = [];
    for (const p of policies) {
        const level = (stack.config?.[p.name]?.enforcementLevel as string | undefined) ?? p.enforcementLevel ?? "advisory";
        if (level === "disabled") continue;
        const targets = "validateResource" in p ? resources.map((r) => [r]) : [resources];
        for (const target of targets) {
            for (const message of run(p.name, target, stack).violations) out.push({ policy: p.name, level, message });
        }
    }
    return out;
}

/** `kubernetes:apps/v1:Deployment` from apiVersion and kind, as the Kubernetes provider names its types. */
export function typeToken(object: KubeObject): string {
    const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : ["core", object.apiVersion];
    return `kubernetes:${group}/${version}:${object.kind}`;
}

/**
 * The component (its inputs as written) and the Kubernetes objects it registers, as the engine sees
 * them: the rendered objects, the Deployment with its replica ownership (count, force, ignoreChanges).
 */
export function agentResources(spec: any, refs: ResolvedReferences, name = "production-agent", namespace = "agents"): Resource[] {
    const doc = agent(spec, name, namespace);
    const objects = agentRuntimeObjectList(renderAgentRuntime(doc.metadata, doc.spec, refs));
    return [
        { type: AGENT_TYPE, name, props: { metadata: { name, namespace }, spec } },
        ...objects.map((o) => {
            const deployment = o.kind === "Deployment";
            const registered = deployment ? withReplicaOwnership(o as any, doc.spec) : o;
            return {
                type: typeToken(o),
                name: o.metadata.name,
                props: JSON.parse(JSON.stringify(registered)),
                ...(deployment ? { ignoreChanges: replicaIgnoreChanges(doc.spec) } : {}),
            };
        }),
    ];
}
