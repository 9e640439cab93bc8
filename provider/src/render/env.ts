// What Omnia's agent programs of our generation (57f0e470 / v0.2.0-alpha.12) read, and nothing else.
// Source: shared notes/omnia-agent-contract.md; facade internal/agent/config.go, runtime
// internal/runtime/config.go. Settings these programs ignore (provider defaults/config, pricing,
// baseURL, PromptPack version, ToolRegistry name) are documented in the README, not rendered.
import type { EnvVar } from "kubernetes-types/core/v1";
import type { AgentRuntimeSpec } from "../spec/agentRuntime";
import { apiKeyEnv } from "./bindings";
import type { ObjectMeta, ResolvedReferences } from "./types";

export const FACADE_HEALTH_PORT = 8081;
export const RUNTIME_GRPC_PORT = 9000;
export const RUNTIME_HEALTH_PORT = 9001;
export const PACK_DIR = "/etc/omnia/pack";
export const PACK_KEY = "pack.json";
export const TOOLS_DIR = "/etc/omnia/tools";
export const TOOLS_KEY = "tools.yaml";

const value = (name: string, v: string | number): EnvVar => ({ name, value: String(v) });
const sessionUrl = (name: string, spec: AgentRuntimeSpec): EnvVar[] =>
    spec.session.type !== "memory" && spec.session.storeRef ? [{ name, valueFrom: { secretKeyRef: { name: spec.session.storeRef.name, key: "url" } } }] : [];

/** The facade (cmd/agent): environment only, it reads no files. */
export function facadeEnv(meta: ObjectMeta, spec: AgentRuntimeSpec, refs: ResolvedReferences): EnvVar[] {
    return [
        value("OMNIA_AGENT_NAME", meta.name),
        value("OMNIA_NAMESPACE", meta.namespace),
        value("OMNIA_PROMPTPACK_NAME", refs.promptPack.name),
        value("OMNIA_HANDLER_MODE", spec.facade.handler),
        value("OMNIA_FACADE_TYPE", spec.facade.type),
        value("OMNIA_FACADE_PORT", spec.facade.port),
        value("OMNIA_HEALTH_PORT", FACADE_HEALTH_PORT),
        ...(spec.facade.handler === "runtime" ? [value("OMNIA_RUNTIME_ADDRESS", `localhost:${RUNTIME_GRPC_PORT}`)] : []),
        value("OMNIA_SESSION_TYPE", spec.session.type),
        value("OMNIA_SESSION_TTL", spec.session.ttl),
        ...sessionUrl("OMNIA_SESSION_STORE_URL", spec),
    ];
}

/** The runtime (cmd/runtime): the pack and tools files, the provider, sessions, ports. */
export function runtimeEnv(meta: ObjectMeta, spec: AgentRuntimeSpec, refs: ResolvedReferences, mockProvider: boolean): EnvVar[] {
    const provider = refs.provider;
    return [
        value("OMNIA_AGENT_NAME", meta.name),
        value("OMNIA_NAMESPACE", meta.namespace),
        value("OMNIA_PROMPTPACK_PATH", `${PACK_DIR}/${PACK_KEY}`),
        value("OMNIA_PROMPT_NAME", refs.promptPack.promptName),
        ...(refs.toolRegistry ? [value("OMNIA_TOOLS_CONFIG", `${TOOLS_DIR}/${TOOLS_KEY}`)] : []),
        value("OMNIA_SESSION_TYPE", spec.session.type),
        value("OMNIA_SESSION_TTL", spec.session.ttl),
        ...sessionUrl("OMNIA_SESSION_URL", spec),
        // The runtime refuses to start on a type it does not know; "auto" is its own default.
        value("OMNIA_PROVIDER_TYPE", provider?.type ?? "auto"),
        ...(provider?.model ? [value("OMNIA_PROVIDER_MODEL", provider.model)] : []),
        ...(mockProvider ? [value("OMNIA_MOCK_PROVIDER", "true")] : []),
        value("OMNIA_GRPC_PORT", RUNTIME_GRPC_PORT),
        value("OMNIA_HEALTH_PORT", RUNTIME_HEALTH_PORT),
        ...(provider ? apiKeyEnv(provider) : []),
    ];
}
