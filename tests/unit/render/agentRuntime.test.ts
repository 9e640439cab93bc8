import { strict as assert } from "assert";
import { agentRuntimeObjectList, configHash, renderAgentRuntime, type ResolvedReferences } from "../../../provider/src/render";
import { agent, productionRefs, productionSpec, RUNTIME_IMAGE } from "../fixtures";

const render = (spec: any, refs: ResolvedReferences = productionRefs(), name = "production-agent", namespace = "agents", options = {}) => {
    const doc = agent(spec, name, namespace);
    return renderAgentRuntime(doc.metadata, doc.spec, refs, { images: doc.images, ...options });
};
const pod = (objects: any) => objects.deployment.spec.template.spec;
const allContainers = (objects: any) => [...(pod(objects).initContainers ?? []), ...pod(objects).containers];
const container = (objects: any, name: string) => allContainers(objects).find((c: any) => c.name === name);
const envNames = (c: any) => c.env.map((e: any) => e.name);
const envOf = (c: any, name: string) => c.env.find((e: any) => e.name === name);
const withSpec = (change: (s: any) => void) => {
    const s: any = productionSpec();
    change(s);
    return s;
};
const selector = { "app.kubernetes.io/name": "omnia-agent", "app.kubernetes.io/instance": "production-agent" };
const labels = { ...selector, "app.kubernetes.io/managed-by": "pulumi-omnia", "omnia.altairalabs.ai/component": "agent" };

describe("renderAgentRuntime: the production example", () => {
    const objects: any = render(productionSpec());

    it("creates exactly ServiceAccount, tools ConfigMap, NetworkPolicy, Deployment, Service, ScaledObject and PDB", () => {
        assert.deepEqual(
            agentRuntimeObjectList(objects).map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`),
            [
                "ServiceAccount/agents/production-agent",
                "ConfigMap/agents/production-agent-tools",
                "NetworkPolicy/agents/production-agent",
                "Deployment/agents/production-agent",
                "Service/agents/production-agent",
                "ScaledObject/agents/production-agent",
                "PodDisruptionBudget/agents/production-agent",
            ],
        );
        assert.equal(objects.credentialsCopy, undefined);
    });

    it("labels every object and selects on name and instance only", () => {
        for (const o of agentRuntimeObjectList(objects)) assert.deepEqual(o.metadata.labels, labels, o.kind);
        assert.deepEqual(objects.deployment.spec.selector, { matchLabels: selector });
        assert.deepEqual(objects.deployment.spec.template.metadata.labels, labels);
    });

    it("omits replicas because KEDA owns the count", () => {
        assert.equal("replicas" in objects.deployment.spec, false);
    });

    it("annotates pods for Prometheus and with a configuration hash", () => {
        const annotations = objects.deployment.spec.template.metadata.annotations;
        assert.deepEqual(Object.keys(annotations), ["prometheus.io/scrape", "prometheus.io/port", "prometheus.io/path", "omnia.altairalabs.ai/config-hash"]);
        assert.equal(annotations["prometheus.io/scrape"], "true");
        assert.equal(annotations["prometheus.io/port"], "8080");
        assert.equal(annotations["prometheus.io/path"], "/metrics");
        assert.match(annotations["omnia.altairalabs.ai/config-hash"], /^[0-9a-f]{16}$/);
    });

    it("hardens the pod", () => {
        const p = pod(objects);
        assert.deepEqual(p.securityContext, { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532, seccompProfile: { type: "RuntimeDefault" } });
        assert.equal(p.serviceAccountName, "production-agent");
        assert.equal(p.automountServiceAccountToken, false);
        assert.equal(p.terminationGracePeriodSeconds, 60);
        for (const c of allContainers(objects)) {
            assert.deepEqual(c.securityContext, { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ["ALL"] } });
            assert.ok(
                c.volumeMounts.some((m: any) => m.mountPath === "/tmp" && !m.readOnly),
                `${c.name} has a writable /tmp`,
            );
        }
        assert.equal(container(objects, "facade").image, "ghcr.io/altairalabs/omnia-agent:0.2.0-alpha.12");
        assert.equal(container(objects, "runtime").image, RUNTIME_IMAGE);
        // FROM scratch images have no sleep binary: the kubelet's own sleep action.
        assert.deepEqual(container(objects, "facade").lifecycle, { preStop: { sleep: { seconds: 5 } } });
        assert.deepEqual(objects.serviceAccount, {
            apiVersion: "v1",
            kind: "ServiceAccount",
            metadata: { name: "production-agent", namespace: "agents", labels },
            automountServiceAccountToken: false,
        });
    });

    it("gives the facade its ports, probes on 8081 and environment", () => {
        const facade = container(objects, "facade");
        assert.deepEqual(facade.ports, [
            { name: "facade", containerPort: 8080, protocol: "TCP" },
            { name: "facade-health", containerPort: 8081, protocol: "TCP" },
        ]);
        assert.deepEqual(facade.readinessProbe.httpGet, { path: "/readyz", port: 8081 });
        assert.deepEqual(facade.livenessProbe.httpGet, { path: "/healthz", port: 8081 });
        assert.deepEqual(facade.env, [
            { name: "OMNIA_AGENT_NAME", value: "production-agent" },
            { name: "OMNIA_NAMESPACE", value: "agents" },
            { name: "OMNIA_PROMPTPACK_NAME", value: "customer-service-prompts" },
            { name: "OMNIA_HANDLER_MODE", value: "runtime" },
            { name: "OMNIA_FACADE_TYPE", value: "websocket" },
            { name: "OMNIA_FACADE_PORT", value: "8080" },
            { name: "OMNIA_HEALTH_PORT", value: "8081" },
            { name: "OMNIA_RUNTIME_ADDRESS", value: "localhost:9000" },
            { name: "OMNIA_SESSION_TYPE", value: "redis" },
            { name: "OMNIA_SESSION_TTL", value: "24h" },
            { name: "OMNIA_SESSION_STORE_URL", valueFrom: { secretKeyRef: { name: "redis-credentials", key: "url" } } },
        ]);
        assert.deepEqual(facade.volumeMounts, [
            { name: "promptpack", mountPath: "/etc/omnia/pack", readOnly: true },
            { name: "facade-tmp", mountPath: "/tmp" },
        ]);
    });

    it("gives the runtime its ports, probes (gRPC health on 9000, /healthz on 9001), resources and environment", () => {
        const runtime = container(objects, "runtime");
        assert.deepEqual(runtime.ports, [
            { name: "grpc", containerPort: 9000, protocol: "TCP" },
            { name: "runtime-health", containerPort: 9001, protocol: "TCP" },
        ]);
        // A native sidecar: started, and probed up, before the facade connects to it.
        assert.equal(runtime.restartPolicy, "Always");
        assert.deepEqual(
            pod(objects).initContainers.map((c: any) => c.name),
            ["runtime"],
        );
        assert.deepEqual(
            pod(objects).containers.map((c: any) => c.name),
            ["facade"],
        );
        // Started and ready: the gRPC server the facade calls serves grpc.health.v1; alive: HTTP /healthz.
        assert.deepEqual(runtime.startupProbe, { grpc: { port: 9000 }, periodSeconds: 1, timeoutSeconds: 3, failureThreshold: 60 });
        assert.deepEqual(runtime.readinessProbe, { grpc: { port: 9000 }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 });
        assert.deepEqual(runtime.livenessProbe, { httpGet: { path: "/healthz", port: 9001 }, periodSeconds: 20, timeoutSeconds: 3, failureThreshold: 3 });
        assert.deepEqual(runtime.resources, {
            requests: { cpu: "500m", memory: "256Mi", "ephemeral-storage": "128Mi" },
            limits: { cpu: "1000m", memory: "512Mi", "ephemeral-storage": "1Gi" },
        });
        assert.deepEqual(runtime.env, [
            { name: "OMNIA_AGENT_NAME", value: "production-agent" },
            { name: "OMNIA_NAMESPACE", value: "agents" },
            { name: "OMNIA_PROMPTPACK_PATH", value: "/etc/omnia/pack/pack.json" },
            { name: "OMNIA_PROMPT_NAME", value: "support" },
            { name: "OMNIA_TOOLS_CONFIG", value: "/etc/omnia/tools/tools.yaml" },
            { name: "OMNIA_SESSION_TYPE", value: "redis" },
            { name: "OMNIA_SESSION_TTL", value: "24h" },
            { name: "OMNIA_SESSION_URL", valueFrom: { secretKeyRef: { name: "redis-credentials", key: "url" } } },
            { name: "OMNIA_PROVIDER_TYPE", value: "claude" },
            { name: "OMNIA_PROVIDER_MODEL", value: "claude-sonnet-4-20250514" },
            { name: "OMNIA_GRPC_PORT", value: "9000" },
            { name: "OMNIA_HEALTH_PORT", value: "9001" },
            { name: "ANTHROPIC_API_KEY", valueFrom: { secretKeyRef: { name: "llm-credentials", key: "ANTHROPIC_API_KEY" } } },
        ]);
        assert.deepEqual(runtime.volumeMounts, [
            { name: "promptpack", mountPath: "/etc/omnia/pack", readOnly: true },
            { name: "tools", mountPath: "/etc/omnia/tools", readOnly: true },
            { name: "runtime-tmp", mountPath: "/tmp" },
        ]);
        assert.deepEqual(pod(objects).volumes, [
            { name: "promptpack", configMap: { name: "customer-service-prompts-v2.1.0" } },
            { name: "tools", configMap: { name: "production-agent-tools", items: [{ key: "tools.yaml", path: "tools.yaml" }] } },
            { name: "facade-tmp", emptyDir: { sizeLimit: "64Mi" } },
            { name: "runtime-tmp", emptyDir: { sizeLimit: "512Mi" } },
        ]);
    });

    it("renders the ScaledObject with the given trigger", () => {
        assert.deepEqual(objects.scaledObject, {
            apiVersion: "keda.sh/v1alpha1",
            kind: "ScaledObject",
            metadata: { name: "production-agent", namespace: "agents", labels },
            spec: {
                scaleTargetRef: { name: "production-agent" },
                pollingInterval: 15,
                cooldownPeriod: 120,
                minReplicaCount: 1,
                maxReplicaCount: 20,
                triggers: productionSpec().runtime.autoscaling.keda.triggers,
            },
        });
    });

    it("renders a ClusterIP Service on the facade port", () => {
        assert.deepEqual(objects.service, {
            apiVersion: "v1",
            kind: "Service",
            metadata: { name: "production-agent", namespace: "agents", labels },
            spec: { type: "ClusterIP", selector, ports: [{ name: "facade", port: 8080, targetPort: "facade", protocol: "TCP" }] },
        });
    });

    it("renders the tools ConfigMap from the registry", () => {
        // The shape the runtime parses (yaml.v3, camelCase): the endpoint it uses is httpConfig.endpoint.
        assert.equal(
            objects.toolsConfigMap.data["tools.yaml"],
            [
                "handlers:",
                "  - name: weather",
                "    type: http",
                "    endpoint: http://weather.tools.svc.cluster.local:8080/weather",
                "    tool:",
                "      description: Weather",
                "      inputSchema:",
                "        properties:",
                "          city:",
                "            type: string",
                "        type: object",
                "      name: get_weather",
                "    httpConfig:",
                "      contentType: application/json",
                "      endpoint: http://weather.tools.svc.cluster.local:8080/weather",
                "      method: POST",
                "    timeout: 30s",
                "    retries: 0",
                "",
            ].join("\n"),
        );
    });

    it("is deterministic", () => {
        assert.deepEqual(render(productionSpec()), objects);
    });
});

describe("renderAgentRuntime: one change at a time", () => {
    it("writes replicas when autoscaling is off", () => {
        const o: any = render(withSpec((s) => (s.runtime.autoscaling = { enabled: false })));
        assert.equal(o.deployment.spec.replicas, 3);
        assert.equal(o.scaledObject, undefined);
        assert.equal(o.horizontalPodAutoscaler, undefined);
    });

    it("adds a PodDisruptionBudget and a zone spread with 2+ replicas", () => {
        const o: any = render(withSpec((s) => (s.runtime.autoscaling = { enabled: false })));
        assert.deepEqual(o.podDisruptionBudget, {
            apiVersion: "policy/v1",
            kind: "PodDisruptionBudget",
            metadata: { name: "production-agent", namespace: "agents", labels },
            spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
        });
        assert.deepEqual(pod(o).topologySpreadConstraints, [
            { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: selector } },
        ]);
    });

    it("has no PodDisruptionBudget with one replica, nor with an autoscaler whose maximum is 1", () => {
        const single: any = render(withSpec((s) => (s.runtime = { replicas: 1 })));
        assert.equal(single.podDisruptionBudget, undefined);
        assert.equal(pod(single).topologySpreadConstraints, undefined);
        assert.equal(render(withSpec((s) => Object.assign(s.runtime.autoscaling, { minReplicas: 1, maxReplicas: 1 }))).podDisruptionBudget, undefined);
    });

    it("adds a PodDisruptionBudget when the autoscaler can run 2+ pods, even from a minimum of 1 (maxUnavailable 1 never blocks a drain)", () => {
        const o: any = render(withSpec((s) => Object.assign(s.runtime.autoscaling, { minReplicas: 1, maxReplicas: 2 })));
        assert.deepEqual(o.podDisruptionBudget.spec, { maxUnavailable: 1, selector: { matchLabels: selector } });
    });

    it("renders the HPA of type hpa", () => {
        const o: any = render(withSpec((s) => (s.runtime.autoscaling = { enabled: true, type: "hpa", minReplicas: 2, maxReplicas: 8, targetCPUUtilizationPercentage: 80 })));
        assert.equal(o.scaledObject, undefined);
        assert.equal("replicas" in o.deployment.spec, false);
        assert.deepEqual(o.horizontalPodAutoscaler, {
            apiVersion: "autoscaling/v2",
            kind: "HorizontalPodAutoscaler",
            metadata: { name: "production-agent", namespace: "agents", labels },
            spec: {
                scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "production-agent" },
                minReplicas: 2,
                maxReplicas: 8,
                metrics: [
                    { type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: 70 } } },
                    { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } } },
                ],
                behavior: {
                    scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: "Percent", value: 50, periodSeconds: 60 }] },
                    scaleUp: {
                        stabilizationWindowSeconds: 0,
                        policies: [
                            { type: "Percent", value: 100, periodSeconds: 15 },
                            { type: "Pods", value: 4, periodSeconds: 15 },
                        ],
                        selectPolicy: "Max",
                    },
                },
            },
        });
    });

    it("defaults KEDA to a prometheus trigger on active connections", () => {
        const o: any = render(
            withSpec((s) => (s.runtime.autoscaling = { enabled: true, type: "keda", minReplicas: 0 })),
            productionRefs(),
            "support",
            "team-a",
        );
        assert.deepEqual(o.scaledObject.spec, {
            scaleTargetRef: { name: "support" },
            pollingInterval: 30,
            cooldownPeriod: 300,
            minReplicaCount: 0,
            maxReplicaCount: 10,
            triggers: [
                {
                    type: "prometheus",
                    metadata: {
                        serverAddress: "http://omnia-prometheus-server.omnia-system.svc.cluster.local/prometheus",
                        query: 'sum(omnia_agent_connections_active{agent="support",namespace="team-a"}) or vector(0)',
                        threshold: "10",
                    },
                },
            ],
        });
    });

    for (const [type, variables] of [
        ["claude", ["ANTHROPIC_API_KEY"]],
        ["openai", ["OPENAI_API_KEY"]],
        ["gemini", ["GEMINI_API_KEY"]],
    ] as const) {
        it(`binds ${variables[0]} for provider type ${type}`, () => {
            const refs = productionRefs();
            refs.provider = { ...refs.provider!, type };
            const runtime = container(render(productionSpec(), refs), "runtime");
            assert.deepEqual(envOf(runtime, variables[0]), { name: variables[0], valueFrom: { secretKeyRef: { name: "llm-credentials", key: variables[0] } } });
        });
    }

    it("binds all three keys, each optional, for provider type auto", () => {
        const refs = productionRefs();
        refs.provider = { ...refs.provider!, type: "auto" };
        const env = container(render(productionSpec(), refs), "runtime").env.filter((e: any) => e.valueFrom && e.name.endsWith("_API_KEY"));
        assert.deepEqual(
            env,
            ["ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GEMINI_API_KEY"].map((name) => ({
                name,
                valueFrom: { secretKeyRef: { name: "llm-credentials", key: name, optional: true } },
            })),
        );
    });

    it("reads secretRef.key when given", () => {
        const refs = productionRefs();
        refs.provider = { ...refs.provider!, secretRef: { name: "llm", key: "api-key" } };
        assert.deepEqual(envOf(container(render(productionSpec(), refs), "runtime"), "ANTHROPIC_API_KEY").valueFrom, { secretKeyRef: { name: "llm", key: "api-key" } });
    });

    it("binds a Provider's Secret from another namespace through a copy next to the agent", () => {
        const refs = productionRefs();
        refs.provider = { ...refs.provider!, source: { name: "claude-production", namespace: "shared-providers" } };
        const o: any = render(productionSpec(), refs);
        assert.deepEqual(envOf(container(o, "runtime"), "ANTHROPIC_API_KEY").valueFrom, { secretKeyRef: { name: "production-agent-llm-credentials", key: "ANTHROPIC_API_KEY" } });
        assert.deepEqual(o.credentialsCopy, {
            from: { namespace: "shared-providers", name: "llm-credentials" },
            metadata: { namespace: "agents", name: "production-agent-llm-credentials", labels },
        });
    });

    it("writes only the provider fields the runtime reads: type, and model when set", () => {
        const refs = productionRefs();
        refs.provider = { type: "openai", secretRef: { name: "k" } };
        const names = envNames(container(render(productionSpec(), refs), "runtime"));
        assert.deepEqual(
            names.filter((n: string) => n.startsWith("OMNIA_PROVIDER")),
            ["OMNIA_PROVIDER_TYPE"],
        );
    });

    for (const handler of ["demo", "echo"]) {
        it(`runs the facade alone with handler ${handler}`, () => {
            const spec = withSpec((s) => {
                s.facade.handler = handler;
                delete s.providerRef;
            });
            const o: any = render(spec, { promptPack: productionRefs().promptPack });
            assert.deepEqual(
                pod(o).containers.map((c: any) => c.name),
                ["facade"],
            );
            assert.equal(envOf(container(o, "facade"), "OMNIA_HANDLER_MODE").value, handler);
            assert.equal(envOf(container(o, "facade"), "OMNIA_RUNTIME_ADDRESS"), undefined);
            assert.deepEqual(
                pod(o).volumes.map((v: any) => v.name),
                ["promptpack", "facade-tmp"],
            );
            assert.equal(o.toolsConfigMap, undefined);
        });
    }

    it("sets no session URL for memory sessions", () => {
        const o = render(withSpec((s) => (s.session = { type: "memory", ttl: "30m" })));
        for (const name of ["facade", "runtime"]) {
            const names = envNames(container(o, name));
            assert.equal(names.includes("OMNIA_SESSION_STORE_URL") || names.includes("OMNIA_SESSION_URL"), false);
            assert.equal(envOf(container(o, name), "OMNIA_SESSION_TTL").value, "30m");
        }
    });

    it("follows facade.port in the container, Service and scrape annotation", () => {
        const o: any = render(withSpec((s) => (s.facade.port = 3000)));
        assert.equal(container(o, "facade").ports[0].containerPort, 3000);
        assert.equal(o.service.spec.ports[0].port, 3000);
        assert.equal(o.deployment.spec.template.metadata.annotations["prometheus.io/port"], "3000");
        assert.equal(envOf(container(o, "facade"), "OMNIA_FACADE_PORT").value, "3000");
    });

    it("copies nodeSelector and tolerations", () => {
        const tolerations = [{ key: "dedicated", operator: "Equal", value: "agents", effect: "NoSchedule" }];
        const o = render(withSpec((s) => Object.assign(s.runtime, { nodeSelector: { "node-type": "agents" }, tolerations })));
        assert.deepEqual(pod(o).nodeSelector, { "node-type": "agents" });
        assert.deepEqual(pod(o).tolerations, tolerations);
    });

    it("uses image overrides", () => {
        const o = render(productionSpec(), productionRefs(), "production-agent", "agents", { images: { runtime: "registry.local/omnia-runtime:1.2.3" } });
        assert.equal(container(o, "runtime").image, "registry.local/omnia-runtime:1.2.3");
        assert.equal(container(o, "facade").image, "ghcr.io/altairalabs/omnia-agent:0.2.0-alpha.12");
        // The CRD's own fields win over the component's overrides.
        const crd = render(
            withSpec((s) => Object.assign(s, { facade: { ...s.facade, image: "registry.local/omnia-agent:9.9.9" }, framework: { image: "registry.local/rt:2" } })),
            productionRefs(),
            "production-agent",
            "agents",
            { images: { runtime: "registry.local/omnia-runtime:1.2.3", facade: "registry.local/f:1" } },
        );
        assert.equal(container(crd, "runtime").image, "registry.local/rt:2");
        assert.equal(container(crd, "facade").image, "registry.local/omnia-agent:9.9.9");
    });

    it("merges user labels without touching the selector", () => {
        const doc = agent(productionSpec());
        const o: any = renderAgentRuntime({ ...doc.metadata, labels: { team: "support" } }, doc.spec, productionRefs());
        assert.equal(o.deployment.metadata.labels.team, "support");
        assert.deepEqual(o.deployment.spec.selector.matchLabels, selector);
    });
});

describe("configHash", () => {
    const base = productionRefs();
    it("changes when pack content, provider settings, tools or credentials change", () => {
        const h = configHash(base, "tools", "");
        assert.notEqual(configHash({ ...base, promptPack: { ...base.promptPack, contentHash: "other" } }, "tools", ""), h);
        assert.notEqual(configHash({ ...base, provider: { ...base.provider!, model: "other" } }, "tools", ""), h);
        assert.notEqual(configHash(base, "other tools", ""), h);
        assert.notEqual(configHash(base, "tools", "rotated"), h);
        assert.equal(configHash(productionRefs(), "tools", ""), h);
    });
});
