// The agent's ClusterIP Service in front of the facade.
import type { AgentRuntimeSpec } from "../spec/agentRuntime";
import { agentObjectMeta, selectorLabels } from "./labels";
import type { Service } from "kubernetes-types/core/v1";
import type { ObjectMeta, Manifest } from "./types";

export function renderService(meta: ObjectMeta, spec: AgentRuntimeSpec): Manifest<Service> {
    return {
        apiVersion: "v1",
        kind: "Service",
        metadata: agentObjectMeta(meta),
        spec: {
            type: "ClusterIP",
            selector: selectorLabels(meta.name),
            ports: [{ name: "facade", port: spec.facade.port, targetPort: "facade", protocol: "TCP" }],
        },
    };
}

export function serviceEndpoint(meta: ObjectMeta, spec: AgentRuntimeSpec): string {
    return `${meta.name}.${meta.namespace}.svc.cluster.local:${spec.facade.port}`;
}
