// Session storage: durable in production, a store for redis/postgres, a valid and sensible ttl.
import { parseGoDuration } from "../../../provider/src/spec/common";
import type { ResourceRule } from "../../production";
import { isKnown, show } from "../values";
import { AGENT_DEFAULTS, isAgentRuntime, specField } from "./spec";

const DURABLE = ["redis", "postgres"];

export const agentSessionDurable: ResourceRule = {
    id: "agent-session-durable",
    description: "Agent sessions are kept in a durable store (redis or postgres), not in pod memory.",
    severity: "high",
    scope: "production",
    remediationSteps: 'Set spec.session.type to "redis" or "postgres" and spec.session.storeRef.name to the Secret holding the store URL (key `url`).',
    validateResource: (args, report) => {
        if (!isAgentRuntime(args)) return;
        const type = specField<string>(args, ["session", "type"]);
        if (!isKnown(type) || (type !== undefined && DURABLE.includes(type))) return;
        const value = type === undefined ? `unset (defaults to ${show(AGENT_DEFAULTS.sessionType)})` : show(type);
        report(`spec.session.type: ${value} is not durable; use redis or postgres`);
    },
};

export const agentSessionStoreRef: ResourceRule = {
    id: "agent-session-store-ref",
    description: "A redis or postgres session names the Secret with the store's URL (storeRef).",
    severity: "high",
    scope: "always",
    remediationSteps: "Set spec.session.storeRef.name to a Secret in the agent's namespace whose key `url` holds the connection URL.",
    validateResource: (args, report) => {
        if (!isAgentRuntime(args)) return;
        const type = specField<string>(args, ["session", "type"]);
        if (!isKnown(type) || type === undefined || !DURABLE.includes(type)) return;
        const name = specField<string>(args, ["session", "storeRef", "name"]);
        if (!isKnown(name) || name) return;
        report(`spec.session.storeRef: missing for session type ${show(type)}; name the Secret holding the store URL`);
    },
};

const TTL_EXAMPLE = 'a Go duration such as "30m", "24h" or "1h30m"';

export const agentSessionTtlValid: ResourceRule = {
    id: "agent-session-ttl-valid",
    description: "The session ttl is a positive Go duration.",
    severity: "medium",
    scope: "always",
    remediationSteps: `Write spec.session.ttl as ${TTL_EXAMPLE} (units ns, us, ms, s, m, h; no days).`,
    validateResource: (args, report) => {
        if (!isAgentRuntime(args)) return;
        const ttl = specField<unknown>(args, ["session", "ttl"]);
        if (!isKnown(ttl) || ttl === undefined) return;
        if (typeof ttl !== "string" || !((parseGoDuration(ttl) ?? 0) > 0)) {
            report(`spec.session.ttl: ${show(ttl)} is not ${TTL_EXAMPLE}`);
        }
    },
};

export interface TtlBounds {
    minTtl: string;
    maxTtl: string;
}

export const agentSessionTtlBounds: ResourceRule<TtlBounds> = {
    id: "agent-session-ttl-bounds",
    description: "The session ttl lies within the configured bounds (default 5m to 168h).",
    severity: "low",
    scope: "advisory",
    remediationSteps: "Choose a spec.session.ttl between minTtl and maxTtl, or change the bounds in the policy config.",
    settings: {
        minTtl: { type: "string", default: "5m", description: "Shortest accepted ttl (Go duration)." },
        maxTtl: { type: "string", default: "168h", description: "Longest accepted ttl (Go duration)." },
    },
    defaults: { minTtl: "5m", maxTtl: "168h" },
    validateResource: (args, report, settings) => {
        if (!isAgentRuntime(args)) return;
        const ttl = specField<unknown>(args, ["session", "ttl"], AGENT_DEFAULTS.ttl);
        if (!isKnown(ttl) || typeof ttl !== "string") return;
        const ms = parseGoDuration(ttl);
        if (ms === undefined || ms <= 0) return; // agent-session-ttl-valid reports it
        const min = parseGoDuration(settings.minTtl);
        const max = parseGoDuration(settings.maxTtl);
        if (min !== undefined && ms < min) report(`spec.session.ttl: ${show(ttl)} is shorter than the minimum ${show(settings.minTtl)}`);
        if (max !== undefined && ms > max) report(`spec.session.ttl: ${show(ttl)} is longer than the maximum ${show(settings.maxTtl)}`);
    },
};
