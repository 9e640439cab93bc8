// Generated from the zod specs by provider/src/spec/generateTypes.ts: do not edit.
// After changing a spec, regenerate with: npm run types
// These are the input types (defaults optional); the specs' z.output types are what validation returns.

/**
 * Desired state of an AI agent (the AgentRuntime CRD's spec).
 */
export interface AgentRuntimeSpec {
    /**
     * The PromptPack holding the agent's prompts.
     */
    promptPackRef: PromptPackRef;
    /**
     * Reference to a Provider; wins over the inline provider.
     */
    providerRef?: ProviderRef;
    /**
     * Inline LLM provider configuration; prefer providerRef in production.
     */
    provider?: InlineProvider;
    /**
     * The runtime container's framework and image.
     */
    framework?: Framework;
    /**
     * Facade configuration: the container clients connect to.
     */
    facade?: Facade;
    /**
     * Reference to a ToolRegistry whose tools the runtime may call.
     */
    toolRegistryRef?: ToolRegistryRef;
    /**
     * Session storage configuration.
     */
    session?: Session;
    /**
     * Deployment settings: replicas, resources, scheduling and autoscaling.
     */
    runtime?: RuntimeSettings;
}

/**
 * The PromptPack holding the agent's prompts.
 */
export interface PromptPackRef {
    /**
     * Name of the PromptPack (in the agent's namespace).
     */
    name: string;
    /**
     * Exact version to run; when set, the track is not used.
     */
    version?: string;
    /**
     * Release track to follow when no version is given (default "stable").
     *
     * @default "stable"
     */
    track?: string;
}

/**
 * Reference to a Provider; wins over the inline provider.
 */
export interface ProviderRef {
    /**
     * Name of the Provider (LlmProvider).
     */
    name: string;
    /**
     * Namespace of the Provider (LlmProvider); defaults to the agent's namespace.
     */
    namespace?: string;
}

/**
 * Inline LLM provider configuration; prefer providerRef in production.
 */
export interface InlineProvider {
    /**
     * LLM provider: claude, openai, gemini, or auto (detect from the credentials present; the CRD's default).
     *
     * @default "auto"
     */
    type?: ProviderType;
    /**
     * Model name, e.g. "claude-sonnet-4-20250514".
     */
    model?: string;
    /**
     * Override of the provider's API endpoint. The runtime of this generation parses it and does not use it.
     */
    baseURL?: string;
    /**
     * Secret holding the API key; the key defaults to the provider's variable name (ANTHROPIC_API_KEY, OPENAI_API_KEY, GEMINI_API_KEY). `key` is the source document's form; the CRD has only `name`.
     */
    secretRef?: SecretKeyRef;
    /**
     * Default generation parameters (the CRD's name for them). Not read by this generation's agent.
     */
    config?: ProviderDefaults;
    /**
     * The source document's name for `config`; give one of the two. Not read by this generation's agent.
     */
    defaults?: ProviderDefaults;
    /**
     * Token prices for cost tracking. The agent programs of this generation do not read them (documented, not rendered).
     */
    pricing?: ProviderPricing;
}

/**
 * - `claude`: Anthropic Claude; reads ANTHROPIC_API_KEY.
 * - `openai`: OpenAI; reads OPENAI_API_KEY.
 * - `gemini`: Google Gemini; reads GEMINI_API_KEY.
 * - `auto`: Detects the provider from whichever of the three API keys exists.
 */
export type ProviderType = "claude" | "openai" | "gemini" | "auto";

export interface SecretKeyRef {
    /**
     * Name of the Secret.
     */
    name: string;
    /**
     * Key in the Secret.
     */
    key?: string;
}

/**
 * Default generation parameters. The agent programs of this generation do not read them (documented, not rendered).
 */
export interface ProviderDefaults {
    /**
     * Sampling temperature, a decimal string between 0 and 2 such as "0.7".
     */
    temperature?: string;
    /**
     * Nucleus sampling, a decimal string between 0 and 1 such as "0.9".
     */
    topP?: string;
    /**
     * Maximum tokens per response.
     */
    maxTokens?: number;
}

/**
 * Token prices for cost tracking. The agent programs of this generation do not read them (documented, not rendered).
 */
export interface ProviderPricing {
    /**
     * Cost per 1000 input tokens, a decimal string such as "0.003".
     */
    inputCostPer1K?: string;
    /**
     * Cost per 1000 output tokens.
     */
    outputCostPer1K?: string;
    /**
     * Cost per 1000 cached input tokens.
     */
    cachedCostPer1K?: string;
}

/**
 * The runtime container's framework and image.
 */
export interface Framework {
    /**
     * Agent framework of the runtime container; this generation's runtime is PromptKit.
     *
     * @default "promptkit"
     */
    type?: FrameworkType;
    /**
     * Framework version, informational (the image decides what runs).
     */
    version?: string;
    /**
     * Runtime container image (pinned tag or digest). No release of this generation published one: see the README.
     */
    image?: string;
}

/**
 * - `promptkit`: PromptKit, the runtime of this generation.
 * - `langchain`: LangChain (in the CRD; refused: no runtime of this generation runs it).
 * - `crewai`: CrewAI (in the CRD; refused).
 * - `autogen`: AutoGen (in the CRD; refused).
 * - `custom`: A custom framework (in the CRD; refused).
 */
export type FrameworkType = "promptkit" | "langchain" | "crewai" | "autogen" | "custom";

/**
 * Facade configuration: the container clients connect to.
 */
export interface Facade {
    /**
     * Facade protocol; this generation's facade serves WebSocket only.
     *
     * @default "websocket"
     */
    type?: FacadeType;
    /**
     * Port the facade listens on (8081, 9000 and 9001 are reserved).
     *
     * @default 8080
     */
    port?: number;
    /**
     * runtime (LLM-backed, needs a provider), demo (simulated streaming) or echo (connectivity test).
     *
     * @default "runtime"
     */
    handler?: HandlerMode;
    /**
     * Facade image (pinned tag or digest); default `ghcr.io/altairalabs/omnia-agent:0.2.0-alpha.12`.
     */
    image?: string;
}

/**
 * - `websocket`: WebSocket facade.
 * - `grpc`: gRPC facade (in the CRD; refused: this generation's facade serves WebSocket only).
 */
export type FacadeType = "websocket" | "grpc";

/**
 * - `runtime`: Production mode: the runtime framework answers with the LLM provider (needs credentials).
 * - `demo`: Demo mode with simulated streaming responses; needs no provider.
 * - `echo`: Echoes messages back, for testing connectivity; needs no provider.
 */
export type HandlerMode = "runtime" | "demo" | "echo";

/**
 * Reference to a ToolRegistry whose tools the runtime may call.
 */
export interface ToolRegistryRef {
    /**
     * Name of the ToolRegistry.
     */
    name: string;
    /**
     * Namespace of the ToolRegistry; defaults to the agent's namespace.
     */
    namespace?: string;
}

/**
 * Session storage configuration.
 */
export interface Session {
    /**
     * Session store: memory (not for production) or redis; postgres is refused (see the README).
     *
     * @default "memory"
     */
    type?: SessionType;
    /**
     * Session lifetime as a Go duration, e.g. "30m", "24h", "1h30m".
     *
     * @default "24h"
     */
    ttl?: string;
    /**
     * Secret with the store's connection URL under key `url`; required for redis.
     */
    storeRef?: SessionStoreRef;
}

/**
 * - `memory`: In-memory sessions, lost on restart (not for production).
 * - `redis`: Redis-backed sessions (recommended).
 * - `postgres`: PostgreSQL-backed sessions (in the CRD; refused: the agent programs of this generation exit on it).
 */
export type SessionType = "memory" | "redis" | "postgres";

/**
 * Secret with the store's connection URL under key `url`; required for redis.
 */
export interface SessionStoreRef {
    /**
     * Name of the Secret holding key `url`.
     */
    name: string;
}

/**
 * Deployment settings: replicas, resources, scheduling and autoscaling.
 */
export interface RuntimeSettings {
    /**
     * Replicas with autoscaling off. With autoscaling on, the autoscaler owns the count: a new agent starts at minReplicas (at least 1) and a running one keeps its count.
     *
     * @default 1
     */
    replicas?: number;
    /**
     * Compute resources of the runtime container.
     */
    resources?: ResourceRequirements;
    /**
     * Node labels the pods must match.
     */
    nodeSelector?: {
        [k: string]: string;
    };
    /**
     * Tolerations of the pods.
     */
    tolerations?: Toleration[];
    /**
     * Kubernetes affinity of the pods, copied to the pod spec.
     */
    affinity?: Affinity;
    /**
     * Horizontal autoscaling, by HPA or KEDA.
     */
    autoscaling?: Autoscaling;
}

/**
 * Compute resources of the runtime container.
 */
export interface ResourceRequirements {
    /**
     * Minimum resources, e.g. { cpu: "500m", memory: "256Mi" }.
     */
    requests?: {
        [k: string]: string | number;
    };
    /**
     * Maximum resources.
     */
    limits?: {
        [k: string]: string | number;
    };
    /**
     * Dynamic resource claims (in the CRD); refused: they need pod-level resourceClaims, which an AgentRuntime cannot declare.
     */
    claims?: ResourceClaim[];
}

export interface ResourceClaim {
    /**
     * Name of a pod resourceClaim.
     */
    name: string;
    /**
     * Request within the claim.
     */
    request?: string;
}

/**
 * A Kubernetes toleration.
 */
export interface Toleration {
    /**
     * Taint key the toleration applies to; empty matches all keys.
     */
    key?: string;
    /**
     * Exists or Equal (default Equal).
     */
    operator?: TolerationOperator;
    /**
     * Taint value to match with operator Equal.
     */
    value?: string;
    /**
     * Taint effect to tolerate; empty matches all effects.
     */
    effect?: TaintEffect;
    /**
     * How long a NoExecute taint is tolerated.
     */
    tolerationSeconds?: number;
}

/**
 * - `Exists`: Matches any value of the key.
 * - `Equal`: Matches the given value.
 */
export type TolerationOperator = "Exists" | "Equal";

/**
 * - `NoSchedule`: Tolerates NoSchedule taints.
 * - `PreferNoSchedule`: Tolerates PreferNoSchedule taints.
 * - `NoExecute`: Tolerates NoExecute taints.
 */
export type TaintEffect = "NoSchedule" | "PreferNoSchedule" | "NoExecute";

/**
 * Kubernetes affinity of the pods, copied to the pod spec.
 */
export interface Affinity {
    /**
     * Kubernetes NodeAffinity.
     */
    nodeAffinity?: {
        [k: string]: unknown;
    };
    /**
     * Kubernetes PodAffinity.
     */
    podAffinity?: {
        [k: string]: unknown;
    };
    /**
     * Kubernetes PodAntiAffinity.
     */
    podAntiAffinity?: {
        [k: string]: unknown;
    };
}

/**
 * Horizontal autoscaling, by HPA or KEDA.
 */
export interface Autoscaling {
    /**
     * Enable autoscaling.
     *
     * @default false
     */
    enabled?: boolean;
    /**
     * hpa (HorizontalPodAutoscaler) or keda (KEDA ScaledObject).
     *
     * @default "hpa"
     */
    type?: AutoscalerType;
    /**
     * Minimum replicas; 0 (scale to zero) only with keda.
     *
     * @default 1
     */
    minReplicas?: number;
    /**
     * Maximum replicas; at least max(1, minReplicas).
     *
     * @default 10
     */
    maxReplicas?: number;
    /**
     * Memory utilization target (hpa only).
     *
     * @default 70
     */
    targetMemoryUtilizationPercentage?: number;
    /**
     * CPU utilization target (hpa only).
     *
     * @default 90
     */
    targetCPUUtilizationPercentage?: number;
    /**
     * Scale-down stabilization window in seconds (hpa only).
     *
     * @default 300
     */
    scaleDownStabilizationSeconds?: number;
    /**
     * KEDA settings (type keda only).
     */
    keda?: KedaSettings;
}

/**
 * - `hpa`: A HorizontalPodAutoscaler on CPU and memory utilization.
 * - `keda`: A KEDA ScaledObject with triggers (scale to zero possible).
 */
export type AutoscalerType = "hpa" | "keda";

/**
 * KEDA settings (type keda only).
 */
export interface KedaSettings {
    /**
     * Seconds between trigger checks.
     *
     * @default 30
     */
    pollingInterval?: number;
    /**
     * Seconds after the last active trigger before scaling down.
     *
     * @default 300
     */
    cooldownPeriod?: number;
    /**
     * KEDA triggers; default: one prometheus trigger on active connections.
     */
    triggers?: KedaTrigger[];
}

export interface KedaTrigger {
    /**
     * KEDA scaler type, e.g. prometheus or cron.
     */
    type: string;
    /**
     * Scaler metadata (string values).
     */
    metadata?: {
        [k: string]: string;
    };
}

/**
 * Prompts for agents (the PromptPack CRD's spec): Omnia's one version from a ConfigMap, or several published versions.
 */
export interface PromptPackSpec {
    /**
     * Omnia's form: the ConfigMap holding this pack's one version (with `version`).
     */
    source?: PromptPackSource;
    /**
     * Omnia's form: the version the source holds.
     */
    version?: string;
    /**
     * Omnia's form: rollout strategy; defaults to immediate.
     */
    rollout?: Rollout;
    /**
     * Extension: several published versions, each its own immutable ConfigMap (instead of source and version).
     */
    versions?: PromptPackVersion[];
    /**
     * Extension: track name -> version, e.g. { canary: "2.2.0-rc.1" }; "stable" defaults to the highest version without a prerelease part.
     */
    tracks?: {
        [k: string]: string;
    };
}

/**
 * Omnia's form: the ConfigMap holding this pack's one version (with `version`).
 */
export interface PromptPackSource {
    /**
     * Where the pack comes from.
     */
    type: PromptPackSourceType;
    /**
     * An existing ConfigMap in the pack's namespace holding the PromptKit pack under key pack.json.
     */
    configMapRef: ConfigMapRef;
}

/**
 * Where the pack comes from.
 *
 * - `configmap`: The pack is a ConfigMap's key pack.json.
 */
export type PromptPackSourceType = "configmap";

/**
 * An existing ConfigMap in the pack's namespace holding the PromptKit pack under key pack.json.
 */
export interface ConfigMapRef {
    /**
     * Name of the ConfigMap.
     */
    name: string;
}

/**
 * Omnia's form: rollout strategy; defaults to immediate.
 */
export interface Rollout {
    /**
     * immediate or canary.
     *
     * @default "immediate"
     */
    type?: RolloutType;
    /**
     * Canary settings (recorded, not enacted, in this generation).
     */
    canary?: CanaryRollout;
}

/**
 * - `immediate`: The version applies at once.
 * - `canary`: Canary rollout; the operator of this generation records it in status only, and so do we (no traffic split).
 */
export type RolloutType = "immediate" | "canary";

/**
 * Canary settings (recorded, not enacted, in this generation).
 */
export interface CanaryRollout {
    /**
     * Initial traffic percentage.
     *
     * @default 10
     */
    weight?: number;
    /**
     * Percentage added per step.
     *
     * @default 10
     */
    stepWeight?: number;
    /**
     * Time between steps.
     *
     * @default "5m"
     */
    interval?: string;
}

export interface PromptPackVersion {
    /**
     * Semantic version of this release, e.g. "2.1.0".
     */
    version: string;
    /**
     * The PromptKit pack (id, name, version, template_engine, prompts, ...), checked against PromptKit's pack schema; stored as key pack.json of an immutable ConfigMap.
     */
    content?: {
        [k: string]: unknown;
    };
    /**
     * An existing ConfigMap in the pack's namespace holding the PromptKit pack under key pack.json.
     */
    configMapRef?: ConfigMapRef;
}

/**
 * An LLM provider shared by agents (the Provider CRD's spec).
 */
export interface LlmProviderSpec {
    /**
     * LLM provider: claude, openai, gemini, or auto (detect from the credentials present).
     */
    type: ProviderType;
    /**
     * Model name, e.g. "claude-sonnet-4-20250514".
     */
    model?: string;
    /**
     * Override of the provider's API endpoint. The runtime of this generation parses it and does not use it.
     */
    baseURL?: string;
    /**
     * Secret holding the API key, in the provider's namespace; the key defaults to the provider's variable name (ANTHROPIC_API_KEY, OPENAI_API_KEY, GEMINI_API_KEY).
     */
    secretRef: SecretKeyRef;
    /**
     * Default generation parameters. The agent programs of this generation do not read them (documented, not rendered).
     */
    defaults?: ProviderDefaults;
    /**
     * Token prices for cost tracking. The agent programs of this generation do not read them (documented, not rendered).
     */
    pricing?: ProviderPricing;
    /**
     * Omnia's operator calls the provider to check the key; we never send the key anywhere at deploy time, so this has no effect (documented).
     *
     * @default false
     */
    validateCredentials?: boolean;
}

/**
 * Tools available to agents (the ToolRegistry CRD's spec).
 */
export interface ToolRegistrySpec {
    /**
     * Tool handlers.
     */
    handlers: ToolHandler[];
}

export interface ToolHandler {
    /**
     * Handler name, a DNS label unique in the registry.
     */
    name: string;
    /**
     * http, grpc, mcp or openapi.
     */
    type: ToolHandlerType;
    /**
     * Service discovery by labels, as Omnia's ToolRegistry controller does it (recorded; the runtime calls the type block's endpoint).
     */
    selector?: ServiceSelector;
    /**
     * The tool this handler serves; required for http and grpc (mcp and openapi handlers list their own).
     */
    tool?: ToolDefinition;
    /**
     * HTTP handler settings (type http).
     */
    httpConfig?: HttpConfig;
    /**
     * gRPC handler settings (type grpc).
     */
    grpcConfig?: GrpcConfig;
    /**
     * MCP handler settings (type mcp).
     */
    mcpConfig?: McpConfig;
    /**
     * OpenAPI handler settings (type openapi).
     */
    openAPIConfig?: OpenAPIConfig;
    /**
     * Call timeout as a Go duration, e.g. "30s".
     *
     * @default "30s"
     */
    timeout?: string;
    /**
     * Retries after a failed call.
     *
     * @default 0
     */
    retries?: number;
}

/**
 * http, grpc, mcp or openapi.
 *
 * - `http`: An HTTP endpoint serving one tool (httpConfig).
 * - `grpc`: A gRPC endpoint serving one tool (grpcConfig).
 * - `mcp`: A Model Context Protocol server listing its own tools (mcpConfig).
 * - `openapi`: An OpenAPI service whose operations become tools (openAPIConfig).
 */
export type ToolHandlerType = "http" | "grpc" | "mcp" | "openapi";

/**
 * Service discovery by labels, as Omnia's ToolRegistry controller does it (recorded; the runtime calls the type block's endpoint).
 */
export interface ServiceSelector {
    /**
     * Labels of the Service.
     */
    matchLabels?: {
        [k: string]: string;
    };
    /**
     * Namespace of the Service.
     */
    namespace?: string;
    /**
     * Port name or number.
     */
    port?: string;
}

/**
 * The tool this handler serves; required for http and grpc (mcp and openapi handlers list their own).
 */
export interface ToolDefinition {
    /**
     * Tool name the model calls.
     */
    name: string;
    /**
     * What the tool does, for the model.
     */
    description: string;
    /**
     * JSON Schema of the tool's input.
     */
    inputSchema: {
        [k: string]: unknown;
    };
    /**
     * JSON Schema of the tool's output.
     */
    outputSchema?: {
        [k: string]: unknown;
    };
}

/**
 * HTTP handler settings (type http).
 */
export interface HttpConfig {
    /**
     * Where the handler is reached, e.g. http://weather.tools.svc.cluster.local:8080/weather.
     */
    endpoint: string;
    /**
     * HTTP method.
     *
     * @default "POST"
     */
    method?: string;
    /**
     * Extra request headers (plain text: no secrets).
     */
    headers?: {
        [k: string]: string;
    };
    /**
     * Request content type.
     *
     * @default "application/json"
     */
    contentType?: string;
    /**
     * Authentication scheme, e.g. bearer (in the CRD; refused, see authSecretRef).
     */
    authType?: string;
    /**
     * Secret with the credential for authType (in the CRD; refused: this generation's runtime cannot read it, so calls would go without credentials).
     */
    authSecretRef?: AuthSecretRef;
}

/**
 * Secret with the credential for authType (in the CRD; refused: this generation's runtime cannot read it, so calls would go without credentials).
 */
export interface AuthSecretRef {
    /**
     * Secret name.
     */
    name: string;
    /**
     * Key in the Secret.
     */
    key: string;
}

/**
 * gRPC handler settings (type grpc).
 */
export interface GrpcConfig {
    /**
     * Where the handler is reached, e.g. tools.tools.svc.cluster.local:9090.
     */
    endpoint: string;
    /**
     * Use TLS.
     */
    tls?: boolean;
    /**
     * Client certificate path in the runtime container.
     */
    tlsCertPath?: string;
    /**
     * Client key path in the runtime container.
     */
    tlsKeyPath?: string;
    /**
     * CA bundle path in the runtime container.
     */
    tlsCAPath?: string;
    /**
     * Skip server certificate verification.
     */
    tlsInsecureSkipVerify?: boolean;
}

/**
 * MCP handler settings (type mcp).
 */
export interface McpConfig {
    /**
     * sse or stdio.
     */
    transport: McpTransport;
    /**
     * Where the handler is reached, e.g. http://mcp.tools.svc.cluster.local:8080/sse.
     */
    endpoint?: string;
    /**
     * Program to start for stdio (refused: see transport).
     */
    command?: string;
    /**
     * Arguments of the command.
     */
    args?: string[];
    /**
     * Working directory of the command.
     */
    workDir?: string;
    /**
     * Environment of the command (plain text: no secrets).
     */
    env?: {
        [k: string]: string;
    };
}

/**
 * sse or stdio.
 *
 * - `sse`: Server-sent events over HTTP (endpoint).
 * - `stdio`: A local process (command); refused: the runtime image of this generation has no program to start.
 */
export type McpTransport = "sse" | "stdio";

/**
 * OpenAPI handler settings (type openapi).
 */
export interface OpenAPIConfig {
    /**
     * Where the handler is reached, e.g. http://petstore.tools.svc.cluster.local/openapi.json.
     */
    specURL: string;
    /**
     * Where the handler is reached, e.g. http://petstore.tools.svc.cluster.local.
     */
    baseURL?: string;
    /**
     * Operation ids to expose; all when empty.
     */
    operationFilter?: string[];
}

export interface ObjectMeta {
    /**
     * Name of the Kubernetes objects; defaults to the Pulumi resource name.
     */
    name?: string;
    /**
     * Namespace of the Kubernetes objects (default "default").
     *
     * @default "default"
     */
    namespace?: string;
    /**
     * Labels added to every object created (Kubernetes label keys and values).
     */
    labels?: {
        [k: string]: string;
    };
    /**
     * Annotations added to every object created.
     */
    annotations?: {
        [k: string]: string;
    };
}

/**
 * Image overrides; the defaults are pinned Omnia releases.
 */
export interface Images {
    /**
     * Facade image reference with a pinned tag or digest.
     */
    facade?: string;
    /**
     * Runtime image reference with a pinned tag or digest.
     */
    runtime?: string;
}

/**
 * The agent's NetworkPolicy: ingress only to the facade port, egress only where the agent's programs go.
 */
export interface NetworkPolicyOptions {
    /**
     * Create the agent's NetworkPolicy (default true). Enforced only by a CNI that implements NetworkPolicy.
     *
     * @default true
     */
    enabled?: boolean;
    /**
     * Who may reach the facade port, e.g. the ingress controller's namespace; anyone when absent. No other port of the pod accepts traffic from other pods.
     */
    ingressFrom?: NetworkPolicyPeer[];
    /**
     * Egress rules added to the agent's own (DNS, session store, tools, HTTPS to the LLM provider).
     */
    extraEgress?: NetworkPolicyEgressRule[];
    /**
     * Escape hatch: allow every egress destination (ingress stays restricted).
     *
     * @default false
     */
    allowAllEgress?: boolean;
}

/**
 * Pods, namespaces or addresses, as in a Kubernetes NetworkPolicy.
 */
export interface NetworkPolicyPeer {
    /**
     * Pods (in the agent's namespace, or in the namespaces of namespaceSelector).
     */
    podSelector?: LabelSelector;
    /**
     * Namespaces, e.g. { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } }.
     */
    namespaceSelector?: LabelSelector;
    /**
     * Addresses; not with the selectors.
     */
    ipBlock?: IPBlock;
}

/**
 * A Kubernetes label selector; empty selects everything.
 */
export interface LabelSelector {
    /**
     * Labels that must all match.
     */
    matchLabels?: {
        [k: string]: string;
    };
    /**
     * Requirements that must all match.
     */
    matchExpressions?: LabelSelectorRequirement[];
}

export interface LabelSelectorRequirement {
    /**
     * Label key.
     */
    key: string;
    /**
     * In, NotIn, Exists or DoesNotExist.
     */
    operator: LabelSelectorOperator;
    /**
     * Values for In and NotIn; empty for Exists and DoesNotExist.
     */
    values?: string[];
}

/**
 * In, NotIn, Exists or DoesNotExist.
 *
 * - `In`: The label's value is one of values.
 * - `NotIn`: The label's value is none of values.
 * - `Exists`: The label is set.
 * - `DoesNotExist`: The label is not set.
 */
export type LabelSelectorOperator = "In" | "NotIn" | "Exists" | "DoesNotExist";

/**
 * Addresses; not with the selectors.
 */
export interface IPBlock {
    /**
     * Addresses, e.g. "0.0.0.0/0".
     */
    cidr: string;
    /**
     * Addresses inside cidr to leave out.
     */
    except?: string[];
}

/**
 * Egress allowed in addition to the agent's own needs.
 */
export interface NetworkPolicyEgressRule {
    /**
     * Destinations; every destination when absent.
     */
    to?: NetworkPolicyPeer[];
    /**
     * Ports; every port when absent.
     */
    ports?: NetworkPolicyPort[];
}

export interface NetworkPolicyPort {
    /**
     * TCP (default), UDP or SCTP.
     *
     * @default "TCP"
     */
    protocol?: NetworkProtocol;
    /**
     * Port number or named port; every port when absent.
     */
    port?: number | string;
    /**
     * Last port of a range starting at port.
     */
    endPort?: number;
}

/**
 * - `TCP`: TCP.
 * - `UDP`: UDP.
 * - `SCTP`: SCTP.
 */
export type NetworkProtocol = "TCP" | "UDP" | "SCTP";

/**
 * Bounded ephemeral storage. The runtime container's request and limit come from spec.runtime.resources ("ephemeral-storage"), else 128Mi and 1Gi.
 */
export interface EphemeralStorageOptions {
    /**
     * Ephemeral storage the facade requests: its logs and /tmp (default 64Mi).
     *
     * @default "64Mi"
     */
    facadeRequest?: string | number;
    /**
     * Ephemeral storage limit of the facade; past it the pod is evicted (default 256Mi).
     *
     * @default "256Mi"
     */
    facadeLimit?: string | number;
    /**
     * Size limit of the facade's /tmp emptyDir (default 64Mi).
     *
     * @default "64Mi"
     */
    facadeTmpSizeLimit?: string | number;
    /**
     * Size limit of the runtime's /tmp emptyDir (default 512Mi).
     *
     * @default "512Mi"
     */
    runtimeTmpSizeLimit?: string | number;
}
