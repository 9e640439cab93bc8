// The AgentRuntime component's inputs as the user wrote them: no defaults applied, so each read
// falls back to the SPEC default (the zod schema in provider/src/spec/agentRuntime.ts).
import type { ResourceValidationArgs } from "@pulumi/policy";
import { DEFAULT_TRACK, facade, runtime, session } from "../../../provider/src/spec/agentRuntime";
import { type Maybe, UNKNOWN, isKnown, peek, record } from "../values";

/** Type token of the AgentRuntime component (provider/src/components/agentRuntime.ts). */
export const AGENT_RUNTIME_TYPE = "omnia:index:AgentRuntime";

// The defaults the rules need, taken from the component's own zod schemas (not restated here).
const facadeDefaults = facade.parse(undefined);
const sessionDefaults = session.parse(undefined);
const runtimeDefaults = runtime.parse(undefined);

/** SPEC defaults the rules need. */
export const AGENT_DEFAULTS = {
    handler: facadeDefaults.handler,
    sessionType: sessionDefaults.type,
    ttl: sessionDefaults.ttl,
    track: DEFAULT_TRACK,
    replicas: runtimeDefaults.replicas,
    autoscalingType: runtimeDefaults.autoscaling.type,
    minReplicas: runtimeDefaults.autoscaling.minReplicas,
    maxReplicas: runtimeDefaults.autoscaling.maxReplicas,
} as const;

/**
 * Reads one field of `spec` (path below spec), or the default when absent. UNKNOWN when any
 * step is unknown during preview. Intermediate objects that are missing give the default too.
 */
export function specField<T>(args: ResourceValidationArgs, path: string[], fallback?: T): Maybe<T | undefined> {
    return peek(() => {
        let node: any = args.props.spec;
        for (const key of path) {
            const obj = record(node);
            if (!obj || !(key in obj)) return fallback;
            node = obj[key];
        }
        return node === undefined || node === null ? fallback : (node as T);
    });
}

/** True when the policy should run: the resource is an AgentRuntime and its spec is an object. */
export function isAgentRuntime(args: ResourceValidationArgs): boolean {
    if (args.type !== AGENT_RUNTIME_TYPE) return false;
    const spec = peek(() => args.props.spec);
    return isKnown(spec) && record(spec) !== undefined;
}

/** The autoscaling block with defaults, each field possibly UNKNOWN. */
export function autoscaling(args: ResourceValidationArgs) {
    const enabled = specField<boolean>(args, ["runtime", "autoscaling", "enabled"], false);
    return {
        enabled,
        type: specField<string>(args, ["runtime", "autoscaling", "type"], AGENT_DEFAULTS.autoscalingType),
        minReplicas: specField<number>(args, ["runtime", "autoscaling", "minReplicas"], AGENT_DEFAULTS.minReplicas),
        maxReplicas: specField<number>(args, ["runtime", "autoscaling", "maxReplicas"], AGENT_DEFAULTS.maxReplicas),
        triggers: specField<unknown[]>(args, ["runtime", "autoscaling", "keda", "triggers"]),
    };
}

export { UNKNOWN };
