// Rules on the AgentRuntime component's inputs: a compliant production-grade baseline, one change per case.
import { strict as assert } from "assert";
import { agentInputs, PROD, productionGradeSpec } from "./fixtures";
import { run, type Stack, UNKNOWN_NUMBER, UNKNOWN_OBJECT, UNKNOWN_STRING } from "./harness";

interface Case {
    policy: string;
    title: string;
    /** One change to the production-grade spec. */
    change?: (spec: any) => void;
    stack?: Stack;
    expect: string[];
}

const TRIGGERS = "spec.runtime.autoscaling.keda.triggers";
const cron = (metadata: Record<string, unknown>) => (s: any) => {
    s.runtime.autoscaling.keda.triggers = [{ type: "cron", metadata }];
};
const goodCron = { timezone: "Europe/Paris", start: "0 8 * * 1-5", end: "0 18 * * 1-5", desiredReplicas: "5" };
const prometheus = (metadata: Record<string, unknown>) => (s: any) => {
    s.runtime.autoscaling.keda.triggers = [{ type: "prometheus", metadata }];
};
const goodProm = { serverAddress: "http://prometheus.monitoring.svc:9090", query: "sum(up)", threshold: "10" };

const cases: Case[] = [
    // agent-session-durable
    { policy: "agent-session-durable", title: "redis is durable", expect: [] },
    { policy: "agent-session-durable", title: "postgres is durable", change: (s) => (s.session.type = "postgres"), expect: [] },
    {
        policy: "agent-session-durable",
        title: "memory is not",
        change: (s) => (s.session = { type: "memory" }),
        expect: ['spec.session.type: "memory" is not durable; use redis or postgres'],
    },
    {
        policy: "agent-session-durable",
        title: "a missing session means memory",
        change: (s) => delete s.session,
        expect: ['spec.session.type: unset (defaults to "memory") is not durable; use redis or postgres'],
    },
    {
        policy: "agent-session-durable",
        title: "an unknown type is not judged",
        change: (s) => (s.session.type = UNKNOWN_STRING),
        expect: [],
    },
    // agent-session-store-ref
    { policy: "agent-session-store-ref", title: "redis with storeRef", expect: [] },
    { policy: "agent-session-store-ref", title: "memory needs none", change: (s) => (s.session = { type: "memory" }), expect: [] },
    {
        policy: "agent-session-store-ref",
        title: "postgres without storeRef",
        change: (s) => (s.session = { type: "postgres" }),
        expect: ['spec.session.storeRef: missing for session type "postgres"; name the Secret holding the store URL'],
    },
    {
        policy: "agent-session-store-ref",
        title: "a storeRef name unknown in preview is present",
        change: (s) => (s.session.storeRef = { name: UNKNOWN_STRING }),
        expect: [],
    },
    // agent-session-ttl-valid
    { policy: "agent-session-ttl-valid", title: "24h", expect: [] },
    { policy: "agent-session-ttl-valid", title: "1h30m", change: (s) => (s.session.ttl = "1h30m"), expect: [] },
    {
        policy: "agent-session-ttl-valid",
        title: "days are not Go units",
        change: (s) => (s.session.ttl = "1d"),
        expect: ['spec.session.ttl: "1d" is not a Go duration such as "30m", "24h" or "1h30m"'],
    },
    {
        policy: "agent-session-ttl-valid",
        title: "zero is not positive",
        change: (s) => (s.session.ttl = "0s"),
        expect: ['spec.session.ttl: "0s" is not a Go duration such as "30m", "24h" or "1h30m"'],
    },
    // agent-session-ttl-bounds
    { policy: "agent-session-ttl-bounds", title: "24h is within 5m..168h", expect: [] },
    { policy: "agent-session-ttl-bounds", title: "no ttl means 24h", change: (s) => delete s.session.ttl, expect: [] },
    {
        policy: "agent-session-ttl-bounds",
        title: "too short",
        change: (s) => (s.session.ttl = "30s"),
        expect: ['spec.session.ttl: "30s" is shorter than the minimum "5m"'],
    },
    {
        policy: "agent-session-ttl-bounds",
        title: "too long",
        change: (s) => (s.session.ttl = "720h"),
        expect: ['spec.session.ttl: "720h" is longer than the maximum "168h"'],
    },
    {
        policy: "agent-session-ttl-bounds",
        title: "bounds from config",
        change: (s) => (s.session.ttl = "720h"),
        stack: { config: { "agent-session-ttl-bounds": { maxTtl: "1000h" } } },
        expect: [],
    },
    // agent-provider-ref
    { policy: "agent-provider-ref", title: "providerRef", expect: [] },
    {
        policy: "agent-provider-ref",
        title: "inline provider",
        change: (s) => {
            delete s.providerRef;
            s.provider = { type: "openai", model: "gpt-4o", secretRef: { name: "llm" } };
        },
        expect: ['spec.provider: inline provider of type "openai" is not allowed; reference a Provider with spec.providerRef'],
    },
    {
        policy: "agent-provider-ref",
        title: "an inline block next to providerRef is ignored by the component",
        change: (s) => (s.provider = { type: "openai", secretRef: { name: "llm" } }),
        expect: [],
    },
    // agent-runtime-credentials
    { policy: "agent-runtime-credentials", title: "providerRef", expect: [] },
    {
        policy: "agent-runtime-credentials",
        title: "inline provider with secretRef",
        change: (s) => {
            delete s.providerRef;
            s.provider = { type: "claude", secretRef: { name: "llm" } };
        },
        expect: [],
    },
    {
        policy: "agent-runtime-credentials",
        title: "no provider at all",
        change: (s) => delete s.providerRef,
        expect: ['spec.providerRef: missing for handler "runtime" (and no spec.provider); the runtime has no LLM credentials'],
    },
    {
        policy: "agent-runtime-credentials",
        title: "inline provider without secretRef",
        change: (s) => {
            delete s.providerRef;
            s.provider = { type: "claude" };
        },
        expect: ['spec.provider.secretRef: missing for handler "runtime"; the runtime has no LLM credentials'],
    },
    {
        policy: "agent-runtime-credentials",
        title: "echo needs no credentials",
        change: (s) => {
            delete s.providerRef;
            s.facade.handler = "echo";
        },
        expect: [],
    },
    // agent-provider-explicit
    { policy: "agent-provider-explicit", title: "no inline provider", expect: [] },
    {
        policy: "agent-provider-explicit",
        title: "inline provider with type and model",
        change: (s) => (s.provider = { type: "gemini", model: "gemini-2.5-pro", secretRef: { name: "llm" } }),
        expect: [],
    },
    {
        policy: "agent-provider-explicit",
        title: "auto without a model",
        change: (s) => (s.provider = { type: "auto", secretRef: { name: "llm" } }),
        expect: [
            'spec.provider.type: "auto" picks the provider from whichever key exists; name claude, openai or gemini',
            "spec.provider.model: not set; name the model so upgrades are deliberate",
        ],
    },
    // agent-handler-runtime
    { policy: "agent-handler-runtime", title: "runtime", expect: [] },
    { policy: "agent-handler-runtime", title: "default handler is runtime", change: (s) => delete s.facade, expect: [] },
    {
        policy: "agent-handler-runtime",
        title: "demo",
        change: (s) => (s.facade.handler = "demo"),
        expect: ['spec.facade.handler: "demo" is a test handler; use "runtime"'],
    },
    // agent-prompt-pack-pinned
    { policy: "agent-prompt-pack-pinned", title: "version", expect: [] },
    {
        policy: "agent-prompt-pack-pinned",
        title: "a track",
        change: (s) => (s.promptPackRef = { name: "p", track: "canary" }),
        expect: ['spec.promptPackRef.version: not set (follows track "canary"); pin an exact version'],
    },
    {
        policy: "agent-prompt-pack-pinned",
        title: "neither means the stable track",
        change: (s) => (s.promptPackRef = { name: "p" }),
        expect: ['spec.promptPackRef.version: unset (follows track "stable"); pin an exact version'],
    },
    // agent-prompt-pack-ref-exclusive
    { policy: "agent-prompt-pack-ref-exclusive", title: "version only", expect: [] },
    {
        policy: "agent-prompt-pack-ref-exclusive",
        title: "version and track",
        change: (s) => (s.promptPackRef.track = "canary"),
        expect: ['spec.promptPackRef.track: "canary" is set together with version "2.1.0"; keep only one'],
    },
    {
        policy: "agent-prompt-pack-ref-exclusive",
        title: "version and the default track stable (as the API server returns it)",
        change: (s) => (s.promptPackRef.track = "stable"),
        expect: [],
    },
    // agent-replicas-redundant
    { policy: "agent-replicas-redundant", title: "keda from 2", expect: [] },
    {
        policy: "agent-replicas-redundant",
        title: "3 replicas without autoscaling",
        change: (s) => (s.runtime.autoscaling = { enabled: false }),
        expect: [],
    },
    {
        policy: "agent-replicas-redundant",
        title: "1 replica without autoscaling",
        change: (s) => (s.runtime = { replicas: 1 }),
        expect: ["spec.runtime.replicas: 1 is below 2 and autoscaling is off; one pod is a single point of failure"],
    },
    {
        policy: "agent-replicas-redundant",
        title: "autoscaling from 1 (the production example)",
        change: (s) => (s.runtime.autoscaling.minReplicas = 1),
        expect: ["spec.runtime.autoscaling.minReplicas: 1 is below 2; the agent would run a single pod"],
    },
    {
        policy: "agent-replicas-redundant",
        title: "keda scale-to-zero is accepted",
        change: (s) => (s.runtime.autoscaling.minReplicas = 0),
        expect: [],
    },
    {
        policy: "agent-replicas-redundant",
        title: "minimum from config",
        change: (s) => (s.runtime.autoscaling.minReplicas = 1),
        stack: { config: { "agent-replicas-redundant": { minimumReplicas: 1 } } },
        expect: [],
    },
    // agent-autoscaling-range
    { policy: "agent-autoscaling-range", title: "2..20", expect: [] },
    {
        policy: "agent-autoscaling-range",
        title: "min above max",
        change: (s) => (s.runtime.autoscaling.minReplicas = 25),
        expect: ["spec.runtime.autoscaling.maxReplicas: 20 is below minReplicas 25"],
    },
    {
        policy: "agent-autoscaling-range",
        title: "min above the default max 10",
        change: (s) => {
            s.runtime.autoscaling.minReplicas = 12;
            delete s.runtime.autoscaling.maxReplicas;
        },
        expect: ["spec.runtime.autoscaling.maxReplicas: 10 is below minReplicas 12"],
    },
    // agent-autoscaling-cap
    { policy: "agent-autoscaling-cap", title: "20 is under 50", expect: [] },
    {
        policy: "agent-autoscaling-cap",
        title: "above the cap",
        change: (s) => (s.runtime.autoscaling.maxReplicas = 80),
        expect: ["spec.runtime.autoscaling.maxReplicas: 80 is above the cap of 50"],
    },
    {
        policy: "agent-autoscaling-cap",
        title: "cap from config",
        change: (s) => (s.runtime.autoscaling.maxReplicas = 80),
        stack: { config: { "agent-autoscaling-cap": { maxReplicasCap: 100 } } },
        expect: [],
    },
    // agent-scale-to-zero-trigger
    { policy: "agent-scale-to-zero-trigger", title: "no scale to zero", expect: [] },
    {
        policy: "agent-scale-to-zero-trigger",
        title: "keda to zero on prometheus",
        change: (s) => (s.runtime.autoscaling.minReplicas = 0),
        expect: [],
    },
    {
        policy: "agent-scale-to-zero-trigger",
        title: "keda to zero on the default trigger",
        change: (s) => {
            s.runtime.autoscaling.minReplicas = 0;
            delete s.runtime.autoscaling.keda.triggers;
        },
        expect: [],
    },
    {
        policy: "agent-scale-to-zero-trigger",
        title: "keda to zero on cpu only",
        change: (s) => {
            s.runtime.autoscaling.minReplicas = 0;
            s.runtime.autoscaling.keda.triggers = [{ type: "cpu", metadata: { type: "Utilization", value: "60" } }];
        },
        expect: [`${TRIGGERS}: ["cpu"] only measure running pods; minReplicas 0 needs a trigger that is not cpu or memory`],
    },
    {
        policy: "agent-scale-to-zero-trigger",
        title: "hpa to zero",
        change: (s) => (s.runtime.autoscaling = { enabled: true, type: "hpa", minReplicas: 0 }),
        expect: ['spec.runtime.autoscaling.minReplicas: 0 is only allowed with type "keda" (got type "hpa")'],
    },
    // agent-cron-trigger-valid
    { policy: "agent-cron-trigger-valid", title: "no cron trigger", expect: [] },
    { policy: "agent-cron-trigger-valid", title: "a good cron trigger", change: cron(goodCron), expect: [] },
    {
        policy: "agent-cron-trigger-valid",
        title: "a bad timezone",
        change: cron({ ...goodCron, timezone: "Mars/Olympus" }),
        expect: [`${TRIGGERS}[0].metadata.timezone: must be an IANA time zone as Go spells it, such as "America/New_York" (got "Mars/Olympus")`],
    },
    {
        policy: "agent-cron-trigger-valid",
        title: "start equals end",
        change: cron({ ...goodCron, end: "0 8 * * 1-5" }),
        expect: [`${TRIGGERS}[0].metadata.end: must differ from start (KEDA refuses a window that starts and ends at once) (got "0 8 * * 1-5" for both)`],
    },
    {
        policy: "agent-cron-trigger-valid",
        title: "fractional desiredReplicas and no timezone",
        change: cron({ start: goodCron.start, end: goodCron.end, desiredReplicas: "2.5" }),
        expect: [
            `${TRIGGERS}[0].metadata.timezone: is required for a cron trigger`,
            `${TRIGGERS}[0].metadata.desiredReplicas: must be an integer written as a string, e.g. "5" (got "2.5")`,
        ],
    },
    {
        policy: "agent-cron-trigger-valid",
        title: "an unknown timezone is not judged",
        change: cron({ ...goodCron, timezone: UNKNOWN_STRING }),
        expect: [],
    },
    // agent-prometheus-in-cluster
    { policy: "agent-prometheus-in-cluster", title: "the production trigger", expect: [] },
    { policy: "agent-prometheus-in-cluster", title: "a .svc host with a port", change: prometheus(goodProm), expect: [] },
    {
        policy: "agent-prometheus-in-cluster",
        title: "an outside host",
        change: prometheus({ ...goodProm, serverAddress: "https://prometheus.example.com" }),
        expect: [
            `${TRIGGERS}[0].metadata.serverAddress: "https://prometheus.example.com" is outside the cluster; use a *.svc or *.svc.cluster.local host or allow-list "prometheus.example.com"`,
        ],
    },
    {
        policy: "agent-prometheus-in-cluster",
        title: "an allow-listed host",
        change: prometheus({ ...goodProm, serverAddress: "https://prometheus.example.com" }),
        stack: { config: { "agent-prometheus-in-cluster": { allowedHosts: ["prometheus.example.com"] } } },
        expect: [],
    },
    {
        policy: "agent-prometheus-in-cluster",
        title: "unsafeSsl and no query or threshold",
        change: prometheus({ serverAddress: goodProm.serverAddress, unsafeSsl: "true" }),
        expect: [
            `${TRIGGERS}[0].metadata.query: missing for a prometheus trigger`,
            `${TRIGGERS}[0].metadata.threshold: missing for a prometheus trigger`,
            `${TRIGGERS}[0].metadata.unsafeSsl: "true" disables TLS verification; remove it`,
        ],
    },
    {
        policy: "agent-prometheus-in-cluster",
        title: "an unknown serverAddress is present and not judged",
        change: prometheus({ ...goodProm, serverAddress: UNKNOWN_STRING }),
        expect: [],
    },
    // agent-resources-bounded
    { policy: "agent-resources-bounded", title: "requests and limits", expect: [] },
    {
        policy: "agent-resources-bounded",
        title: "no resources",
        change: (s) => delete s.runtime.resources,
        expect: ["spec.runtime.resources: not set; set requests.cpu, requests.memory and limits.memory"],
    },
    {
        policy: "agent-resources-bounded",
        title: "no memory limit",
        change: (s) => (s.runtime.resources = { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "2" } }),
        expect: ["spec.runtime.resources.limits.memory: not set"],
    },
    {
        policy: "agent-resources-bounded",
        title: "unknown quantities are present",
        change: (s) => (s.runtime.resources = { requests: { cpu: UNKNOWN_STRING, memory: UNKNOWN_STRING }, limits: { memory: UNKNOWN_STRING } }),
        expect: [],
    },
];

describe("policy pack: AgentRuntime rules (production stack)", () => {
    it("agent-runtime-credentials: the mock provider (annotation) needs no credentials, as the component accepts it", () => {
        const spec = productionGradeSpec();
        delete spec.providerRef;
        const metadata = { name: "production-agent", namespace: "agents", annotations: { "omnia.altairalabs.ai/mock-provider": "true" } };
        assert.deepEqual(run("agent-runtime-credentials", agentInputs(spec, metadata), PROD), { violations: [] });
        metadata.annotations["omnia.altairalabs.ai/mock-provider"] = "false";
        assert.equal(run("agent-runtime-credentials", agentInputs(spec, metadata), PROD).violations.length, 1);
    });

    for (const c of cases) {
        it(`${c.policy}: ${c.title}`, () => {
            const spec = productionGradeSpec();
            c.change?.(spec);
            const outcome = run(c.policy, agentInputs(spec), { ...PROD, ...c.stack });
            assert.deepEqual(outcome, { violations: c.expect });
        });
    }

    it("ignores other resource types", () => {
        for (const c of cases) {
            const outcome = run(c.policy, { type: "kubernetes:core/v1:ConfigMap", props: { spec: { session: { type: "memory" } } } }, PROD);
            assert.deepEqual(outcome, { violations: [] });
        }
    });

    it("does not throw when the whole spec, or a block of it, is unknown during preview", () => {
        const variants = [UNKNOWN_OBJECT, { ...productionGradeSpec(), session: UNKNOWN_OBJECT, runtime: UNKNOWN_OBJECT, facade: UNKNOWN_OBJECT }];
        const nested = productionGradeSpec();
        nested.runtime.autoscaling.minReplicas = UNKNOWN_NUMBER;
        nested.runtime.autoscaling.keda.triggers = [UNKNOWN_OBJECT];
        variants.push(nested);
        for (const spec of variants) {
            for (const name of new Set(cases.map((c) => c.policy))) {
                assert.deepEqual(run(name, agentInputs(spec), PROD), { violations: [] }, name);
            }
        }
    });
});
