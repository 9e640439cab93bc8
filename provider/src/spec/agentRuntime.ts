// The AgentRuntime spec (omnia.altairalabs.ai/v1alpha1): every field, default and cross-field rule.
import { z } from "zod";
import type * as generated from "./generated/types";
import {
    describedEnum,
    decimalString,
    dnsLabel,
    dnsSubdomain,
    goDuration,
    hasUserInfo,
    httpUrl,
    noCredentials,
    intRange,
    pinnedImage,
    quantity,
    secretKeyRef,
    semverString,
} from "./common";
import { checkResources, checkToleration, INT32_MAX, labelMap } from "./kubernetes";
import { cronProblem, isTimeZone, PROMETHEUS_ADDRESS } from "./keda";

export const providerType = describedEnum("ProviderType", {
    claude: "Anthropic Claude; reads ANTHROPIC_API_KEY.",
    openai: "OpenAI; reads OPENAI_API_KEY.",
    gemini: "Google Gemini; reads GEMINI_API_KEY.",
    auto: "Detects the provider from whichever of the three API keys exists.",
});
export const PROVIDER_TYPES = providerType.options;
const handlerMode = describedEnum("HandlerMode", {
    runtime: "Production mode: the runtime framework answers with the LLM provider (needs credentials).",
    demo: "Demo mode with simulated streaming responses; needs no provider.",
    echo: "Echoes messages back, for testing connectivity; needs no provider.",
});
const sessionType = describedEnum("SessionType", {
    memory: "In-memory sessions, lost on restart (not for production).",
    redis: "Redis-backed sessions (recommended).",
    postgres: "PostgreSQL-backed sessions (in the CRD; refused: the agent programs of this generation exit on it).",
});
const facadeType = describedEnum("FacadeType", {
    websocket: "WebSocket facade.",
    grpc: "gRPC facade (in the CRD; refused: this generation's facade serves WebSocket only).",
});
const frameworkType = describedEnum("FrameworkType", {
    promptkit: "PromptKit, the runtime of this generation.",
    langchain: "LangChain (in the CRD; refused: no runtime of this generation runs it).",
    crewai: "CrewAI (in the CRD; refused).",
    autogen: "AutoGen (in the CRD; refused).",
    custom: "A custom framework (in the CRD; refused).",
});
const autoscalerType = describedEnum("AutoscalerType", {
    hpa: "A HorizontalPodAutoscaler on CPU and memory utilization.",
    keda: "A KEDA ScaledObject with triggers (scale to zero possible).",
});
/** Ports the pod itself uses: the facade health port and the runtime's gRPC and health ports. */
export const RESERVED_PORTS = [8081, 9000, 9001] as const;

/** The release track an agent follows when its promptPackRef names neither version nor track. */
export const DEFAULT_TRACK = "stable";

export const promptPackRef = z
    .strictObject({
        name: dnsSubdomain.describe("Name of the PromptPack (in the agent's namespace)."),
        version: semverString.optional().describe("Exact version to run; when set, the track is not used."),
        track: dnsLabel.default(DEFAULT_TRACK).describe('Release track to follow when no version is given (default "stable").'),
    })
    .meta({ title: "PromptPackRef" })
    .superRefine((ref, ctx) => {
        // The API server fills in track "stable" beside a pinned version; any other track contradicts it.
        if (ref.version !== undefined && ref.track !== DEFAULT_TRACK) {
            ctx.addIssue({ code: "custom", path: ["track"], message: `is mutually exclusive with version (got version "${ref.version}" and track "${ref.track}")` });
        }
    })
    .describe("The PromptPack holding the agent's prompts.");

export const namespacedRef = (title: string, what: string) =>
    z
        .strictObject({
            name: dnsSubdomain.describe(`Name of the ${what}.`),
            namespace: dnsLabel.optional().describe(`Namespace of the ${what}; defaults to the agent's namespace.`),
        })
        .meta({ title });

export const providerDefaults = z
    .strictObject({
        temperature: decimalString(0, 2).optional().describe('Sampling temperature, a decimal string between 0 and 2 such as "0.7".'),
        topP: decimalString(0, 1).optional().describe('Nucleus sampling, a decimal string between 0 and 1 such as "0.9".'),
        maxTokens: intRange(1).optional().describe("Maximum tokens per response."),
    })
    .meta({ title: "ProviderDefaults" })
    .describe("Default generation parameters. The agent programs of this generation do not read them (documented, not rendered).");

export const providerPricing = z
    .strictObject({
        inputCostPer1K: decimalString(0).optional().describe('Cost per 1000 input tokens, a decimal string such as "0.003".'),
        outputCostPer1K: decimalString(0).optional().describe("Cost per 1000 output tokens."),
        cachedCostPer1K: decimalString(0).optional().describe("Cost per 1000 cached input tokens."),
    })
    .meta({ title: "ProviderPricing" })
    .describe("Token prices for cost tracking. The agent programs of this generation do not read them (documented, not rendered).");

export const inlineProvider = z
    .strictObject({
        type: providerType.default("auto").describe("LLM provider: claude, openai, gemini, or auto (detect from the credentials present; the CRD's default)."),
        model: z.string().min(1).optional().describe('Model name, e.g. "claude-sonnet-4-20250514".'),
        baseURL: httpUrl("the Deployment", "the API key belongs in the Secret of secretRef")
            .optional()
            .describe("Override of the provider's API endpoint. The runtime of this generation parses it and does not use it."),
        secretRef: secretKeyRef
            .optional()
            .describe(
                "Secret holding the API key; the key defaults to the provider's variable name (ANTHROPIC_API_KEY, OPENAI_API_KEY, GEMINI_API_KEY). `key` is the source document's form; the CRD has only `name`.",
            ),
        config: providerDefaults.optional().describe("Default generation parameters (the CRD's name for them). Not read by this generation's agent."),
        defaults: providerDefaults.optional().describe("The source document's name for `config`; give one of the two. Not read by this generation's agent."),
        pricing: providerPricing.optional(),
    })
    .meta({ title: "InlineProvider" })
    .superRefine((p, ctx) => {
        if (p.config && p.defaults) {
            ctx.addIssue({ code: "custom", path: ["defaults"], message: "is the source document's name for config: give one of config and defaults" });
        }
    })
    .describe("Inline LLM provider configuration; prefer providerRef in production.");

export const facade = z
    .strictObject({
        type: facadeType.default("websocket").describe("Facade protocol; this generation's facade serves WebSocket only."),
        port: intRange(1, 65535)
            .refine((p) => !(RESERVED_PORTS as readonly number[]).includes(p), {
                message: `must not be one of the reserved ports ${RESERVED_PORTS.join(", ")}`,
            })
            .default(8080)
            .describe("Port the facade listens on (8081, 9000 and 9001 are reserved)."),
        handler: handlerMode.default("runtime").describe("runtime (LLM-backed, needs a provider), demo (simulated streaming) or echo (connectivity test)."),
        image: pinnedImage.optional().describe(`Facade image (pinned tag or digest); default ${"`"}ghcr.io/altairalabs/omnia-agent:0.2.0-alpha.12${"`"}.`),
    })
    .superRefine((f, ctx) => {
        if (f.type === "grpc") {
            ctx.addIssue({ code: "custom", path: ["type"], message: 'is "grpc", which the facade of this generation does not serve (it serves "websocket" only)' });
        }
    })
    .meta({ title: "Facade" })
    .prefault({})
    .describe("Facade configuration: the container clients connect to.");

export const framework = z
    .strictObject({
        type: frameworkType.default("promptkit").describe("Agent framework of the runtime container; this generation's runtime is PromptKit."),
        version: z.string().min(1).optional().describe("Framework version, informational (the image decides what runs)."),
        image: pinnedImage.optional().describe("Runtime container image (pinned tag or digest). No release of this generation published one: see the README."),
    })
    .superRefine((f, ctx) => {
        if (f.type !== "promptkit") {
            ctx.addIssue({ code: "custom", path: ["type"], message: `is "${f.type}", but the runtime program of this generation runs PromptKit only (type "promptkit")` });
        }
    })
    .meta({ title: "Framework" })
    .describe("The runtime container's framework and image.");

export const session = z
    .strictObject({
        type: sessionType.default("memory").describe("Session store: memory (not for production) or redis; postgres is refused (see the README)."),
        ttl: goDuration.default("24h").describe('Session lifetime as a Go duration, e.g. "30m", "24h", "1h30m".'),
        storeRef: z
            .strictObject({ name: dnsSubdomain.describe("Name of the Secret holding key `url`.") })
            .meta({ title: "SessionStoreRef" })
            .optional()
            .describe("Secret with the store's connection URL under key `url`; required for redis."),
    })
    .superRefine((s, ctx) => {
        if (s.type === "postgres") {
            ctx.addIssue({
                code: "custom",
                path: ["type"],
                message:
                    'is "postgres", which the agent programs of this generation do not support: both exit at start ("invalid session type: postgres"); use "redis" or "memory"',
            });
        } else if (s.type !== "memory" && !s.storeRef) {
            ctx.addIssue({ code: "custom", path: ["storeRef"], message: `is required for session type "${s.type}"` });
        }
    })
    .meta({ title: "Session" })
    .prefault({})
    .describe("Session storage configuration.");

const resourceList = z.record(z.string(), quantity);
export const resources = z
    .strictObject({
        requests: resourceList.optional().describe('Minimum resources, e.g. { cpu: "500m", memory: "256Mi" }.'),
        limits: resourceList.optional().describe("Maximum resources."),
        claims: z
            .array(
                z
                    .strictObject({ name: z.string().min(1).describe("Name of a pod resourceClaim."), request: z.string().optional().describe("Request within the claim.") })
                    .meta({ title: "ResourceClaim" }),
            )
            .optional()
            .describe("Dynamic resource claims (in the CRD); refused: they need pod-level resourceClaims, which an AgentRuntime cannot declare."),
    })
    .superRefine((r, ctx) => {
        checkResources(r, ctx);
        if (r.claims?.length) {
            ctx.addIssue({
                code: "custom",
                path: ["claims"],
                message:
                    "is not supported: a container claim must name one of the pod's resourceClaims, which an AgentRuntime cannot declare (the API server would refuse the Deployment)",
            });
        }
    })
    .meta({ title: "ResourceRequirements" })
    .describe("Compute resources of the runtime container.");

export const toleration = z
    .strictObject({
        key: z.string().optional().describe("Taint key the toleration applies to; empty matches all keys."),
        operator: describedEnum("TolerationOperator", {
            Exists: "Matches any value of the key.",
            Equal: "Matches the given value.",
        })
            .optional()
            .describe("Exists or Equal (default Equal)."),
        value: z.string().optional().describe("Taint value to match with operator Equal."),
        effect: describedEnum("TaintEffect", {
            NoSchedule: "Tolerates NoSchedule taints.",
            PreferNoSchedule: "Tolerates PreferNoSchedule taints.",
            NoExecute: "Tolerates NoExecute taints.",
        })
            .optional()
            .describe("Taint effect to tolerate; empty matches all effects."),
        tolerationSeconds: z.number().int().optional().describe("How long a NoExecute taint is tolerated."),
    })
    .superRefine(checkToleration)
    .meta({ title: "Toleration" })
    .describe("A Kubernetes toleration.");

/** Rules for the trigger types whose metadata we know, as KEDA's scalers parse it; other scalers are passed through. */
function checkTriggerMetadata(type: string, metadata: Record<string, string>, ctx: z.core.$RefinementCtx<any>) {
    const need = (key: string, problem: (v: string) => string | undefined) => {
        const value = metadata[key];
        if (value === undefined) ctx.addIssue({ code: "custom", path: ["metadata", key], message: `is required for a ${type} trigger` });
        else {
            const found = problem(value);
            if (found) ctx.addIssue({ code: "custom", path: ["metadata", key], message: `${found} (got ${JSON.stringify(value)})` });
        }
    };
    const rule = (ok: (v: string) => boolean, message: string) => (v: string) => (ok(v) ? undefined : message);
    const withCredentials = new Set<string>();
    for (const [key, value] of Object.entries(metadata)) {
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && hasUserInfo(value)) {
            withCredentials.add(key);
            ctx.addIssue({
                code: "custom",
                path: ["metadata", key],
                message: noCredentials("the ScaledObject", "KEDA reads credentials from a TriggerAuthentication (authenticationRef), not from trigger metadata"),
            });
        }
    }
    if (type === "prometheus") {
        if (!withCredentials.has("serverAddress"))
            need(
                "serverAddress",
                rule((v) => PROMETHEUS_ADDRESS.test(v), "must be an http(s) URL without spaces, control characters, query or fragment"),
            );
        need(
            "query",
            rule((v) => v.trim() !== "", "must not be empty"),
        );
        need(
            "threshold",
            rule((v) => /^[0-9]*\.?[0-9]+$/.test(v), 'must be a number written as a string, e.g. "10"'),
        );
    } else if (type === "cron") {
        need("timezone", rule(isTimeZone, 'must be an IANA time zone as Go spells it, such as "America/New_York"'));
        const cron = (example: string) => (v: string) => {
            const problem = cronProblem(v);
            return problem && `must be a 5-field cron expression such as "${example}": ${problem}`;
        };
        need("start", cron("0 8 * * 1-5"));
        need("end", cron("0 18 * * 1-5"));
        need(
            "desiredReplicas",
            rule((v) => /^[0-9]+$/.test(v) && Number(v) <= INT32_MAX, 'must be an integer written as a string, e.g. "5"'),
        );
        if (metadata.start !== undefined && metadata.start.trim() === metadata.end?.trim()) {
            ctx.addIssue({
                code: "custom",
                path: ["metadata", "end"],
                message: `must differ from start (KEDA refuses a window that starts and ends at once) (got ${JSON.stringify(metadata.end)} for both)`,
            });
        }
    }
}

export const kedaTrigger = z
    .strictObject({
        type: z.string().min(1).describe("KEDA scaler type, e.g. prometheus or cron."),
        metadata: z.record(z.string(), z.string()).default({}).describe("Scaler metadata (string values)."),
    })
    .meta({ title: "KedaTrigger" })
    .superRefine((t, ctx) => checkTriggerMetadata(t.type, t.metadata, ctx));

export const keda = z
    .strictObject({
        pollingInterval: intRange(1).default(30).describe("Seconds between trigger checks."),
        cooldownPeriod: intRange(0).default(300).describe("Seconds after the last active trigger before scaling down."),
        triggers: z.array(kedaTrigger).optional().describe("KEDA triggers; default: one prometheus trigger on active connections."),
    })
    .meta({ title: "KedaSettings" })
    .prefault({})
    .describe("KEDA settings (type keda only).");

export const autoscaling = z
    .strictObject({
        enabled: z.boolean().default(false).describe("Enable autoscaling."),
        type: autoscalerType.default("hpa").describe("hpa (HorizontalPodAutoscaler) or keda (KEDA ScaledObject)."),
        minReplicas: intRange(0).default(1).describe("Minimum replicas; 0 (scale to zero) only with keda."),
        maxReplicas: intRange(1).default(10).describe("Maximum replicas; at least max(1, minReplicas)."),
        targetMemoryUtilizationPercentage: intRange(1, 100).default(70).describe("Memory utilization target (hpa only)."),
        targetCPUUtilizationPercentage: intRange(1, 100).default(90).describe("CPU utilization target (hpa only)."),
        scaleDownStabilizationSeconds: intRange(0, 3600).default(300).describe("Scale-down stabilization window in seconds (hpa only)."),
        keda: keda,
    })
    .superRefine((a, ctx) => {
        if (a.minReplicas === 0 && a.type !== "keda") {
            ctx.addIssue({ code: "custom", path: ["minReplicas"], message: `0 is only allowed with type "keda" (got type "${a.type}")` });
        }
        if (a.maxReplicas < a.minReplicas) {
            ctx.addIssue({ code: "custom", path: ["maxReplicas"], message: `must be >= minReplicas ${a.minReplicas} (got ${a.maxReplicas})` });
        }
    })
    .meta({ title: "Autoscaling" })
    .prefault({})
    .describe("Horizontal autoscaling, by HPA or KEDA.");

const affinityTerms = z.record(z.string(), z.unknown());
export const affinity = z
    .strictObject({
        nodeAffinity: affinityTerms.optional().describe("Kubernetes NodeAffinity."),
        podAffinity: affinityTerms.optional().describe("Kubernetes PodAffinity."),
        podAntiAffinity: affinityTerms.optional().describe("Kubernetes PodAntiAffinity."),
    })
    .meta({ title: "Affinity" })
    .describe("Kubernetes affinity of the pods, copied to the pod spec.");

export const runtime = z
    .strictObject({
        replicas: intRange(0)
            .default(1)
            .describe(
                "Replicas with autoscaling off. With autoscaling on, the autoscaler owns the count: a new agent starts at minReplicas (at least 1) and a running one keeps its count.",
            ),
        resources: resources.optional(),
        nodeSelector: labelMap.optional().describe("Node labels the pods must match."),
        tolerations: z.array(toleration).optional().describe("Tolerations of the pods."),
        affinity: affinity.optional(),
        autoscaling: autoscaling,
    })
    .meta({ title: "RuntimeSettings" })
    .prefault({})
    .describe("Deployment settings: replicas, resources, scheduling and autoscaling.");

export const agentRuntimeSpec = z
    .strictObject({
        promptPackRef: promptPackRef,
        providerRef: namespacedRef("ProviderRef", "Provider (LlmProvider)").optional().describe("Reference to a Provider; wins over the inline provider."),
        provider: inlineProvider.optional(),
        framework: framework.optional(),
        facade: facade,
        toolRegistryRef: namespacedRef("ToolRegistryRef", "ToolRegistry").optional().describe("Reference to a ToolRegistry whose tools the runtime may call."),
        session: session,
        runtime: runtime,
    })
    .meta({ title: "AgentRuntimeSpec" })
    .describe("Desired state of an AI agent (the AgentRuntime CRD's spec).");

/** The spec as a user writes it (defaults optional), with every field documented: generated from this schema (./inputs.ts). */
export type AgentRuntimeSpecInput = generated.AgentRuntimeSpec;
/** Image overrides of the component (not part of the CRD); the defaults are pinned Omnia releases. */
export const imageOverrides = z
    .strictObject({
        facade: pinnedImage.optional().describe("Facade image reference with a pinned tag or digest."),
        runtime: pinnedImage.optional().describe("Runtime image reference with a pinned tag or digest."),
    })
    .meta({ title: "Images" })
    .describe("Image overrides; the defaults are pinned Omnia releases.");

/** The validated spec, with every default applied. */
export type AgentRuntimeSpec = z.output<typeof agentRuntimeSpec>;
export type ProviderType = (typeof PROVIDER_TYPES)[number];
export type KedaTrigger = z.output<typeof kedaTrigger>;
