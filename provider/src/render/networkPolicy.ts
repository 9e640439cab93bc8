// The agent's NetworkPolicy: ingress only to the facade port, egress only where Omnia's programs go.
import { isIP } from "net";
import type { NetworkPolicy, NetworkPolicyEgressRule, NetworkPolicyPort } from "kubernetes-types/networking/v1";
import type { AgentRuntimeSpec } from "../spec/agentRuntime";
import { isMockProvider } from "../spec/documents";
import type { NetworkPolicyOptions } from "../spec/hardening";
import type { ToolHandler } from "../spec/toolRegistry";
import { agentObjectMeta, selectorLabels } from "./labels";
import type { Manifest, ObjectMeta, ResolvedReferences } from "./types";

/** The port the redis client dials when the URL names none; another port needs `extraEgress`. */
export const REDIS_PORT = 6379;
const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
const tcp = (port: number): NetworkPolicyPort => ({ protocol: "TCP", port });

/** Every URL (or host:port) the runtime calls for a handler. */
function handlerUrls(h: ToolHandler): string[] {
    const urls = [h.httpConfig?.endpoint, h.grpcConfig?.endpoint, h.mcpConfig?.endpoint, h.openAPIConfig?.specURL, h.openAPIConfig?.baseURL];
    return urls.filter((u): u is string => u !== undefined);
}

/**
 * Where one tool endpoint is: a Service of the cluster (`svc.ns.svc...`, or a bare name in the
 * agent's namespace) is allowed by namespace on every port, since traffic to a Service's port
 * reaches the pod's target port, which the endpoint does not tell; an address by its IP and port;
 * any other host by its port (NetworkPolicy cannot name a DNS name).
 */
function toolRule(endpoint: string, agentNamespace: string): NetworkPolicyEgressRule {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `grpc://${endpoint}`);
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
    const service = /^[^.]+\.([^.]+)\.svc(\.|$)/.exec(host)?.[1] ?? (host.includes(".") || isIP(host) ? undefined : agentNamespace);
    if (service) return { to: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: service } } }] };
    const ip = isIP(host);
    return { ...(ip ? { to: [{ ipBlock: { cidr: `${host}/${ip === 4 ? 32 : 128}` } }] } : {}), ports: [tcp(port)] };
}

/** The egress the agent's programs need: DNS, the session store, the LLM provider over HTTPS, the tools. */
function agentEgress(meta: ObjectMeta, spec: AgentRuntimeSpec, refs: ResolvedReferences): NetworkPolicyEgressRule[] {
    const withRuntime = spec.facade.handler === "runtime";
    const rules: NetworkPolicyEgressRule[] = [
        // Wherever the cluster resolves names (kube-dns, a node-local cache on a link-local address).
        { ports: [{ protocol: "UDP", port: 53 }, tcp(53)] },
        ...(spec.session.type === "redis" ? [{ ports: [tcp(REDIS_PORT)] }] : []),
        // LLM providers publish no stable addresses: HTTPS anywhere. The mock provider needs no network.
        ...(withRuntime && !isMockProvider(meta.annotations) ? [{ ports: [tcp(443)] }] : []),
        ...(refs.toolRegistry?.handlers ?? []).flatMap(handlerUrls).map((u) => toolRule(u, meta.namespace)),
    ];
    const seen = new Set<string>();
    return rules.filter((r) => !seen.has(JSON.stringify(r)) && seen.add(JSON.stringify(r)));
}

export function renderNetworkPolicy(meta: ObjectMeta, spec: AgentRuntimeSpec, refs: ResolvedReferences, options: NetworkPolicyOptions): Manifest<NetworkPolicy> {
    const extra = (options.extraEgress ?? []) as NetworkPolicyEgressRule[];
    return {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: agentObjectMeta(meta),
        spec: {
            podSelector: { matchLabels: selectorLabels(meta.name) },
            policyTypes: ["Ingress", "Egress"],
            // Only the facade port: the runtime's ports and the health ports take no traffic from other
            // pods (the facade reaches the runtime over localhost, the kubelet probes from the node).
            ingress: [{ ...(options.ingressFrom ? { from: options.ingressFrom } : {}), ports: [tcp(spec.facade.port)] }],
            egress: options.allowAllEgress ? [{}] : [...agentEgress(meta, spec, refs), ...extra],
        },
    };
}
