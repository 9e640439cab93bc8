// Container rules on every workload, whether the AgentRuntime component made it or not.
import type { ResourceRule } from "../../production";
import { resourceProblems } from "../agent/resources";
import { has, isKnown, items, peek, record, show } from "../values";
import { type ContainerView, containerLabel, containersOf, field, podSpec } from "./workloads";

/** Applies a per-container check; `report` gets messages already prefixed with the container path. */
function eachContainer(init: boolean, check: (c: ContainerView, report: (message: string) => void) => void): ResourceRule["validateResource"] {
    return (args, report) => {
        for (const c of containersOf(args, init)) check(c, (message) => report(`${c.path}.${message}${containerLabel(c)}`));
    };
}

export const containerResourcesBounded: ResourceRule = {
    id: "container-resources-bounded",
    description: "Every container has cpu and memory requests and a memory limit.",
    severity: "medium",
    scope: "production",
    remediationSteps: "Set resources.requests.cpu, resources.requests.memory and resources.limits.memory on each container.",
    validateResource: eachContainer(false, (c, report) => {
        if (!("resources" in c.container)) {
            report("resources: not set; set requests.cpu, requests.memory and limits.memory");
            return;
        }
        const resources = peek(() => c.container.resources);
        if (!isKnown(resources)) return;
        for (const problem of resourceProblems(resources)) report(`resources.${problem}`);
    }),
};

/** The tag of an image reference, "digest" for a digest, undefined when there is neither. */
export function imageTag(image: string): string | undefined {
    if (/@sha256:[0-9a-f]{64}$/.test(image)) return "digest";
    return /:([\w][\w.-]{0,127})$/.exec(image.split("/").pop() ?? "")?.[1];
}

export const containerImagePinned: ResourceRule = {
    id: "container-image-pinned",
    description: 'Every image names a tag other than "latest", or a digest.',
    severity: "high",
    scope: "always",
    remediationSteps: 'Reference images as repository:version (e.g. "ghcr.io/altairalabs/omnia-agent:0.2.0-alpha.12") or by @sha256 digest.',
    validateResource: eachContainer(true, (c, report) => {
        const image = field(c.container, "image");
        if (!isKnown(image) || typeof image !== "string") return;
        const tag = imageTag(image);
        if (!tag) report(`image: ${show(image)} has no tag; pin a version or a digest`);
        else if (tag === "latest") report(`image: ${show(image)} uses "latest"; pin a version or a digest`);
    }),
};

export const containerRunAsNonRoot: ResourceRule = {
    id: "container-run-as-non-root",
    description: "Every container runs as non-root: runAsNonRoot true (container or pod) and never runAsUser 0.",
    severity: "high",
    scope: "always",
    remediationSteps: "Set securityContext.runAsNonRoot: true (on the pod or each container) and a non-zero runAsUser such as 65532.",
    validateResource: eachContainer(true, (c, report) => {
        const own = field(c.container, "securityContext", "runAsNonRoot");
        const pod = field(c.pod, "securityContext", "runAsNonRoot");
        if (isKnown(own) && isKnown(pod)) {
            const effective = own ?? pod;
            if (effective !== true) {
                report(
                    effective === undefined
                        ? "securityContext.runAsNonRoot: not set on the container or the pod; set it to true"
                        : `securityContext.runAsNonRoot: ${show(effective)}${own === undefined ? " (from the pod)" : ""}; set it to true`,
                );
            }
        }
        const ownUser = field(c.container, "securityContext", "runAsUser");
        const podUser = field(c.pod, "securityContext", "runAsUser");
        if (isKnown(ownUser) && isKnown(podUser) && (ownUser ?? podUser) === 0) {
            report(`securityContext.runAsUser: 0${ownUser === undefined ? " (from the pod)" : ""} is root; use a non-zero uid`);
        }
    }),
};

export const containerNoPrivilegeEscalation: ResourceRule = {
    id: "container-no-privilege-escalation",
    description: "Every container sets allowPrivilegeEscalation: false and is not privileged.",
    severity: "high",
    scope: "always",
    remediationSteps: "Set securityContext.allowPrivilegeEscalation: false and remove securityContext.privileged on each container.",
    validateResource: eachContainer(true, (c, report) => {
        const escalation = field(c.container, "securityContext", "allowPrivilegeEscalation");
        if (isKnown(escalation) && escalation !== false) {
            report(`securityContext.allowPrivilegeEscalation: ${escalation === undefined ? "not set (Kubernetes allows it)" : show(escalation)}; set it to false`);
        }
        const privileged = field(c.container, "securityContext", "privileged");
        if (isKnown(privileged) && privileged === true) report("securityContext.privileged: true gives the container the host's powers; remove it");
    }),
};

export const containerCapabilitiesDropAll: ResourceRule = {
    id: "container-capabilities-drop-all",
    description: "Every container drops all Linux capabilities (capabilities.drop contains ALL).",
    severity: "medium",
    scope: "production",
    remediationSteps: 'Set securityContext.capabilities.drop: ["ALL"] and add back only what the process needs.',
    validateResource: eachContainer(true, (c, report) => {
        const drop = field(c.container, "securityContext", "capabilities", "drop");
        if (!isKnown(drop)) return;
        const values = items<string>(drop).map(({ value }) => value);
        if (values.some((v) => !isKnown(v))) return;
        if (!values.some((v) => String(v).toUpperCase() === "ALL")) {
            report(`securityContext.capabilities.drop: ${drop === undefined ? "not set" : show(values)}; drop "ALL"`);
        }
    }),
};

const SECCOMP_TYPES = ["RuntimeDefault", "Localhost"];

export const containerSeccompProfile: ResourceRule = {
    id: "container-seccomp-profile",
    description: "Every container runs under a seccomp profile (RuntimeDefault or Localhost, on the container or the pod).",
    severity: "medium",
    scope: "production",
    remediationSteps: 'Set securityContext.seccompProfile.type: "RuntimeDefault" on the pod (or on each container).',
    validateResource: eachContainer(true, (c, report) => {
        const own = field(c.container, "securityContext", "seccompProfile", "type");
        const pod = field(c.pod, "securityContext", "seccompProfile", "type");
        if (!isKnown(own) || !isKnown(pod)) return;
        const effective = own ?? pod;
        if (!SECCOMP_TYPES.includes(effective)) {
            report(
                `securityContext.seccompProfile.type: ${effective === undefined ? "not set on the container or the pod" : show(effective)}; use "RuntimeDefault" or "Localhost"`,
            );
        }
    }),
};

/**
 * The request a probe makes (httpGet path and port, tcpSocket port, grpc port and service, exec
 * command), to compare two probes; undefined when there is none or a part of it is unknown.
 */
function probeRequest(probe: unknown): string | undefined {
    const p = record(probe);
    const handler = (name: string) => (p ? record(peek(() => p[name])) : undefined);
    const read = (h: Record<string, any>, key: string, fallback?: unknown) => peek(() => h[key] ?? fallback);
    let parts: unknown[] | undefined;
    const http = handler("httpGet");
    const tcp = handler("tcpSocket");
    const grpc = handler("grpc");
    const exec = handler("exec");
    if (http) parts = ["http", read(http, "path", "/"), read(http, "port")];
    else if (tcp) parts = ["tcp", read(tcp, "port")];
    else if (grpc) parts = ["grpc", read(grpc, "port"), read(grpc, "service", "")];
    else if (exec) parts = ["exec", read(exec, "command")];
    return parts?.every(isKnown) ? show(parts) : undefined;
}

export const containerProbes: ResourceRule = {
    id: "container-probes",
    description: "Every container has a readiness and a liveness probe, and they are not the same check.",
    severity: "medium",
    scope: "production",
    remediationSteps:
        "Add readinessProbe and livenessProbe to each container; let liveness check only that the process serves (e.g. /healthz) and readiness that it can take traffic (e.g. /readyz, or a gRPC health check).",
    validateResource: eachContainer(false, (c, report) => {
        for (const probe of ["readinessProbe", "livenessProbe"]) {
            if (!(probe in c.container)) report(`${probe}: not set`);
        }
        const readiness = peek(() => c.container.readinessProbe);
        const liveness = peek(() => c.container.livenessProbe);
        if (!isKnown(readiness) || !isKnown(liveness)) return;
        const request = probeRequest(liveness);
        if (request !== undefined && request === probeRequest(readiness)) {
            report("livenessProbe: makes the same request as readinessProbe; a liveness probe that fails whenever readiness does restarts pods under load");
        }
    }),
};

export const containerEphemeralStorageBounded: ResourceRule = {
    id: "container-ephemeral-storage-bounded",
    description: "Every container requests and limits ephemeral-storage, and every emptyDir has a sizeLimit: a runaway process cannot fill the node's disk.",
    severity: "medium",
    scope: "production",
    remediationSteps:
        'Set resources.requests and resources.limits "ephemeral-storage" on each container and emptyDir.sizeLimit on each emptyDir volume (the AgentRuntime component sets them; override with its ephemeralStorage argument and spec.runtime.resources).',
    validateResource: (args, report) => {
        for (const c of containersOf(args, true)) {
            const resources = peek(() => c.container.resources);
            if (!isKnown(resources)) continue;
            for (const list of ["requests", "limits"]) {
                const values = peek(() => record(resources)?.[list]);
                if (isKnown(values) && !has(values, "ephemeral-storage")) report(`${c.path}.resources.${list}.ephemeral-storage: not set${containerLabel(c)}`);
            }
        }
        const spec = podSpec(args.type, args.props);
        if (!spec) return;
        for (const { index, value } of items(peek(() => spec.pod.volumes))) {
            const volume = isKnown(value) ? record(value) : undefined;
            const emptyDir = volume ? peek(() => volume.emptyDir) : undefined;
            if (!volume || !isKnown(emptyDir) || record(emptyDir) === undefined) continue;
            const sizeLimit = peek(() => record(emptyDir)!.sizeLimit);
            if (isKnown(sizeLimit) && sizeLimit === undefined) {
                const name = peek(() => volume.name);
                report(`${spec.path}.volumes[${index}].emptyDir.sizeLimit: not set${isKnown(name) && typeof name === "string" ? ` (volume ${show(name)})` : ""}; bound it`);
            }
        }
    },
};

export interface EnvSecretSettings {
    secretNamePattern: string;
}

export const DEFAULT_SECRET_NAME_PATTERN = "(^|_)(API_?KEY|KEY|TOKEN|SECRET|PASSWORD|PASSWD|PWD|CREDENTIALS?|PRIVATE_KEY)(_|$)";

/** `apiKey` -> `API_KEY`, `db-password` -> `DB_PASSWORD`: one spelling for the name pattern. */
const normalizeName = (name: string) =>
    name
        .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
        .replace(/[-.]/g, "_")
        .toUpperCase();

export const containerEnvSecretsFromRef: ResourceRule<EnvSecretSettings> = {
    id: "container-env-secrets-from-ref",
    description: "Environment variables named like keys, tokens, secrets or passwords take their value from a Secret (valueFrom), never a literal.",
    severity: "critical",
    scope: "always",
    remediationSteps: "Store the value in a Secret and use env[].valueFrom.secretKeyRef (or envFrom) instead of env[].value.",
    settings: {
        secretNamePattern: {
            type: "string",
            default: DEFAULT_SECRET_NAME_PATTERN,
            description: "Regular expression (case-insensitive) on the variable name, after camelCase and '-' become '_'.",
        },
    },
    defaults: { secretNamePattern: DEFAULT_SECRET_NAME_PATTERN },
    validateResource: (args, report, settings) => {
        const pattern = new RegExp(settings.secretNamePattern, "i");
        for (const c of containersOf(args, true)) {
            if (!("env" in c.container)) continue;
            for (const { index, value } of items(peek(() => c.container.env))) {
                const variable = isKnown(value) ? record(value) : undefined;
                if (!variable) continue;
                const name = peek(() => variable.name);
                if (!isKnown(name) || typeof name !== "string" || !pattern.test(normalizeName(name))) continue;
                // Presence only: a literal value is a violation even when the value itself is unknown.
                if ("value" in variable && peek(() => variable.value) !== undefined) {
                    report(`${c.path}.env[${index}]: ${show(name)} has a literal value; use valueFrom.secretKeyRef${containerLabel(c)}`);
                }
            }
        }
    },
};
