// Environment of the facade and runtime containers, in the operator's order.
import type { AgentRuntimeSpec } from "../spec/agentRuntime";
import { apiKeyEnv, EnvVar } from "./bindings";
import type { ObjectMeta, ResolvedReferences } from "./types";

export const FACADE_HEALTH_PORT = 8081;
export const RUNTIME_GRPC_PORT = 9000;
export const RUNTIME_HEALTH_PORT = 9001;
export const PACK_DIR = "/etc/omnia/pack";
export const TOOLS_DIR = "/etc/omnia/tools";

const value = (name: string, v: string | number): EnvVar => ({ name, value: String(v) });
const sessionUrl = (name: string, spec: AgentRuntimeSpec): EnvVar[] =>
    spec.session.type !== "memory" && spec.session.storeRef
        ? [{ name, valueFrom: { secretKeyRef: { name: spec.session.storeRef.name, key: "url" } } }]
        : [];

function commonEnv(meta: ObjectMeta, spec: AgentRuntimeSpec, refs: ResolvedReferences): EnvVar[] {
    return [
        value("OMNIA_AGENT_NAME", meta.name),
        value("OMNIA_NAMESPACE", meta.namespace),
        value("OMNIA_PROMPTPACK_NAME", refs.promptPack.name),
        value("OMNIA_PROMPTPACK_NAMESPACE", refs.promptPack.namespace),
        value("OMNIA_PROMPTPACK_VERSION", refs.promptPack.version),
        value("OMNIA_SESSION_TYPE", spec.session.type),
        value("OMNIA_SESSION_TTL", spec.session.ttl),
    ];
}

export function facadeEnv(meta: ObjectMeta, spec: AgentRuntimeSpec, refs: ResolvedReferences): EnvVar[] {
    return [
        ...commonEnv(meta, spec, refs),
        value("OMNIA_FACADE_TYPE", spec.facade.type),
        value("OMNIA_FACADE_PORT", spec.facade.port),
        value("OMNIA_HEALTH_PORT", FACADE_HEALTH_PORT),
        value("OMNIA_HANDLER_MODE", spec.facade.handler),
        ...(spec.facade.handler === "runtime" ? [value("OMNIA_RUNTIME_ADDRESS", `localhost:${RUNTIME_GRPC_PORT}`)] : []),
        ...sessionUrl("OMNIA_SESSION_STORE_URL", spec),
    ];
}

export function runtimeEnv(meta: ObjectMeta, spec: AgentRuntimeSpec, refs: ResolvedReferences): EnvVar[] {
    const provider = refs.provider;
    const optional = (name: string, v: string | number | undefined) => (v === undefined ? [] : [value(name, v)]);
    const tools = refs.toolRegistry;
    return [
        ...commonEnv(meta, spec, refs),
        value("OMNIA_PROMPTPACK_PATH", `${PACK_DIR}/pack.json`),
        value("OMNIA_GRPC_PORT", RUNTIME_GRPC_PORT),
        value("OMNIA_HEALTH_PORT", RUNTIME_HEALTH_PORT),
        ...sessionUrl("OMNIA_SESSION_URL", spec),
        ...(provider
            ? [
                  value("OMNIA_PROVIDER_TYPE", provider.type),
                  ...optional("OMNIA_PROVIDER_MODEL", provider.model),
                  ...optional("OMNIA_PROVIDER_BASE_URL", provider.baseURL),
                  ...optional("OMNIA_PROVIDER_TEMPERATURE", provider.defaults?.temperature),
                  ...optional("OMNIA_PROVIDER_TOP_P", provider.defaults?.topP),
                  ...optional("OMNIA_PROVIDER_MAX_TOKENS", provider.defaults?.maxTokens),
                  ...apiKeyEnv(provider),
              ]
            : []),
        ...(tools
            ? [
                  value("OMNIA_TOOLREGISTRY_NAME", tools.name),
                  value("OMNIA_TOOLREGISTRY_NAMESPACE", tools.namespace),
                  value("OMNIA_TOOLS_CONFIG_PATH", `${TOOLS_DIR}/tools.yaml`),
              ]
            : []),
    ];
}
