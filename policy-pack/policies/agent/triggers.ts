// KEDA triggers: cron triggers that KEDA can run, prometheus triggers that stay inside the cluster.
import { kedaTrigger } from "../../../provider/src/spec/agentRuntime";
import type { ResourceRule } from "../../production";
import { type Maybe, isKnown, items, peek, record, show } from "../values";
import { isAgentRuntime, specField } from "./spec";

const TRIGGERS_PATH = "spec.runtime.autoscaling.keda.triggers";

interface KnownTrigger {
    index: number;
    type: string;
    metadata: Record<string, unknown>;
    /** Metadata keys whose values are unknown during preview. */
    unknownKeys: string[];
}

/** Triggers of the given type whose type is known; metadata values that are unknown are left out. */
function triggersOfType(args: Parameters<ResourceRule["validateResource"]>[0], type: string): KnownTrigger[] {
    const triggers = specField<unknown[]>(args, ["runtime", "autoscaling", "keda", "triggers"]);
    return items(triggers).flatMap(({ index, value }) => {
        const trigger = isKnown(value) ? record(value) : undefined;
        if (!trigger) return [];
        const t = peek(() => trigger.type);
        if (t !== type) return [];
        const metadata: Maybe<unknown> = "metadata" in trigger ? peek(() => trigger.metadata) : {};
        if (!isKnown(metadata)) return [];
        const meta = record(metadata) ?? {};
        const known: Record<string, unknown> = {};
        const unknownKeys: string[] = [];
        for (const key of Object.keys(meta)) {
            const v = peek(() => meta[key]);
            if (isKnown(v)) known[key] = v;
            else unknownKeys.push(key);
        }
        return [{ index, type, metadata: known, unknownKeys }];
    });
}

export const agentCronTriggerValid: ResourceRule = {
    id: "agent-cron-trigger-valid",
    description: "Cron triggers have a valid IANA timezone, 5-field start and end schedules that differ, and an integer desiredReplicas.",
    severity: "medium",
    scope: "always",
    remediationSteps:
        'Give each cron trigger metadata.timezone (e.g. "Europe/Paris"), metadata.start and metadata.end (different 5-field cron expressions) and metadata.desiredReplicas as an integer string (e.g. "5").',
    validateResource: (args, report) => {
        if (!isAgentRuntime(args)) return;
        for (const trigger of triggersOfType(args, "cron")) {
            const at = `${TRIGGERS_PATH}[${trigger.index}]`;
            // The component's own schema decides what a valid cron trigger is (one definition for both).
            const parsed = kedaTrigger.safeParse({ type: "cron", metadata: trigger.metadata });
            for (const issue of parsed.success ? [] : parsed.error.issues) {
                const key = issue.path[1];
                if (issue.path[0] === "metadata" && typeof key === "string" && trigger.unknownKeys.includes(key)) continue;
                report(`${at}.${issue.path.join(".")}: ${issue.message}`);
            }
        }
    },
};

export interface PrometheusSettings {
    allowedHosts: string[];
}

/** Host of an http(s) URL, lower-cased, without port; undefined when it is not one. */
function hostOf(address: string): string | undefined {
    try {
        const url = new URL(address);
        return url.protocol === "http:" || url.protocol === "https:" ? url.hostname.toLowerCase() : undefined;
    } catch {
        return undefined;
    }
}

const isInCluster = (host: string) => host.endsWith(".svc") || host.endsWith(".svc.cluster.local");

export const agentPrometheusInCluster: ResourceRule<PrometheusSettings> = {
    id: "agent-prometheus-in-cluster",
    description:
        "Prometheus triggers have serverAddress, query and threshold, query an in-cluster server (*.svc, *.svc.cluster.local or allow-listed) and do not disable TLS verification.",
    severity: "high",
    scope: "production",
    remediationSteps:
        "Point metadata.serverAddress at the in-cluster Prometheus Service (http://<service>.<namespace>.svc.cluster.local[:port]) or add its host to allowedHosts; set query and threshold; remove unsafeSsl.",
    settings: {
        allowedHosts: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Extra Prometheus hosts accepted (exact host names, without port).",
        },
    },
    defaults: { allowedHosts: [] },
    validateResource: (args, report, settings) => {
        if (!isAgentRuntime(args)) return;
        const allowed = (settings.allowedHosts ?? []).map((h) => h.toLowerCase());
        for (const trigger of triggersOfType(args, "prometheus")) {
            const at = `${TRIGGERS_PATH}[${trigger.index}].metadata`;
            const { metadata, unknownKeys } = trigger;
            for (const key of ["serverAddress", "query", "threshold"]) {
                if (!(key in metadata) && !unknownKeys.includes(key)) report(`${at}.${key}: missing for a prometheus trigger`);
            }
            const address = metadata.serverAddress;
            if (typeof address === "string") {
                const host = hostOf(address);
                if (host === undefined) report(`${at}.serverAddress: ${show(address)} is not an http(s) URL`);
                else if (!isInCluster(host) && !allowed.includes(host)) {
                    report(`${at}.serverAddress: ${show(address)} is outside the cluster; use a *.svc or *.svc.cluster.local host or allow-list ${show(host)}`);
                }
            }
            const unsafeSsl = metadata.unsafeSsl;
            if (unsafeSsl !== undefined && String(unsafeSsl).toLowerCase() !== "false") {
                report(`${at}.unsafeSsl: ${show(unsafeSsl)} disables TLS verification; remove it`);
            }
        }
    },
};
