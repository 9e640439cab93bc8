// Issue 17: the agent's NetworkPolicy and ephemeral-storage budget, rendered from the spec and the
// component's networkPolicy / ephemeralStorage arguments (validated like the spec).
import { strict as assert } from "assert";
import { renderAgentRuntime, documentRenderOptions, type ResolvedReferences } from "../../../provider/src/render";
import { SpecValidationError, validateDocument } from "../../../provider/src/spec";
import { productionRefs, productionSpec, RUNTIME_IMAGE } from "../fixtures";

const document = (spec: unknown, options: { networkPolicy?: unknown; ephemeralStorage?: unknown; annotations?: Record<string, string> } = {}) =>
    validateDocument("AgentRuntime", "production-agent", {
        metadata: { namespace: "agents", ...(options.annotations ? { annotations: options.annotations } : {}) },
        spec,
        images: { runtime: RUNTIME_IMAGE },
        networkPolicy: options.networkPolicy,
        ephemeralStorage: options.ephemeralStorage,
    });
const render = (spec: unknown, options: Parameters<typeof document>[1] = {}, refs: ResolvedReferences = productionRefs()) => {
    const doc = document(spec, options);
    return renderAgentRuntime(doc.metadata, doc.spec, refs, documentRenderOptions(doc)) as any;
};
const withSpec = (change: (s: any) => void) => {
    const s: any = productionSpec();
    change(s);
    return s;
};
const DNS = {
    ports: [
        { protocol: "UDP", port: 53 },
        { protocol: "TCP", port: 53 },
    ],
};
const REDIS = { ports: [{ protocol: "TCP", port: 6379 }] };
const HTTPS = { ports: [{ protocol: "TCP", port: 443 }] };
const namespace = (name: string) => ({ to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": name } } }] });
const selector = { "app.kubernetes.io/name": "omnia-agent", "app.kubernetes.io/instance": "production-agent" };
const refsWithTools = (...endpoints: string[]): ResolvedReferences => ({
    ...productionRefs(),
    toolRegistry: {
        name: "t",
        namespace: "agents",
        handlers: endpoints.map((endpoint, i) => ({ name: `h${i}`, type: "http", httpConfig: { endpoint, method: "POST" }, timeout: "30s", retries: 0 }) as any),
    },
});

function problems(spec: unknown, options: Parameters<typeof document>[1]): string[] {
    try {
        document(spec, options);
    } catch (e) {
        if (e instanceof SpecValidationError) return e.issues.map((i) => `${i.path}: ${i.message}`);
        throw e;
    }
    return [];
}

describe("NetworkPolicy of an agent", () => {
    it("selects the agent's pods; ingress only to the facade port; egress to DNS, redis, HTTPS and the tools' namespace", () => {
        assert.deepEqual(render(productionSpec()).networkPolicy, {
            apiVersion: "networking.k8s.io/v1",
            kind: "NetworkPolicy",
            metadata: {
                name: "production-agent",
                namespace: "agents",
                labels: { ...selector, "app.kubernetes.io/managed-by": "pulumi-omnia", "omnia.altairalabs.ai/component": "agent" },
            },
            spec: {
                podSelector: { matchLabels: selector },
                policyTypes: ["Ingress", "Egress"],
                ingress: [{ ports: [{ protocol: "TCP", port: 8080 }] }],
                egress: [DNS, REDIS, HTTPS, namespace("tools")],
            },
        });
    });

    it("a demo or echo agent (no runtime) reaches only DNS and its session store", () => {
        assert.deepEqual(render(withSpec((s) => (s.facade.handler = "demo"))).networkPolicy.spec.egress, [DNS, REDIS]);
        assert.deepEqual(render(withSpec((s) => ((s.facade.handler = "echo"), (s.session = { type: "memory" })))).networkPolicy.spec.egress, [DNS]);
    });

    it("the mock provider needs no HTTPS", () => {
        const o = render(productionSpec(), { annotations: { "omnia.altairalabs.ai/mock-provider": "true" } });
        assert.deepEqual(o.networkPolicy.spec.egress, [DNS, REDIS, namespace("tools")]);
    });

    it("allows each tool endpoint: a cluster Service by its namespace, an address by IP and port, any other host by its port", () => {
        const o = render(
            withSpec((s) => (s.session = { type: "memory" })),
            {},
            refsWithTools(
                "http://weather.tools.svc.cluster.local:8080/w",
                "http://search.data.svc:80/q",
                "http://local-tool/x",
                "https://api.example.com/v1",
                "http://10.1.2.3:9000/x",
                "http://[fd00::1]:81/x",
                "https://weather.tools.svc.cluster.local/again",
            ),
        );
        assert.deepEqual(o.networkPolicy.spec.egress, [
            DNS,
            HTTPS,
            namespace("tools"),
            namespace("data"),
            namespace("agents"),
            { to: [{ ipBlock: { cidr: "10.1.2.3/32" } }], ports: [{ protocol: "TCP", port: 9000 }] },
            { to: [{ ipBlock: { cidr: "fd00::1/128" } }], ports: [{ protocol: "TCP", port: 81 }] },
        ]);
    });

    it("takes the allowed sources of the facade port, extra egress, and the all-egress escape hatch", () => {
        const ingressFrom = [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } }];
        const extraEgress = [{ to: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.9.0.0/16"] } }], ports: [{ port: 6380 }] }];
        const o = render(productionSpec(), { networkPolicy: { ingressFrom, extraEgress } });
        assert.deepEqual(o.networkPolicy.spec.ingress, [{ from: ingressFrom, ports: [{ protocol: "TCP", port: 8080 }] }]);
        assert.deepEqual(o.networkPolicy.spec.egress.at(-1), { to: extraEgress[0].to, ports: [{ protocol: "TCP", port: 6380 }] });
        assert.deepEqual(render(productionSpec(), { networkPolicy: { allowAllEgress: true } }).networkPolicy.spec.egress, [{}]);
        assert.equal(render(productionSpec(), { networkPolicy: { enabled: false } }).networkPolicy, undefined);
    });

    it("refuses what the API server would refuse, or would read the other way round, naming the field", () => {
        assert.deepEqual(
            problems(productionSpec(), {
                networkPolicy: {
                    ingressFrom: [{ ipBlock: { cidr: "10.0.0.0/8" }, podSelector: {} }, {}, { namespaceSelector: { matchExpressions: [{ key: "team", operator: "In" }] } }],
                    extraEgress: [
                        {
                            to: [{ ipBlock: { cidr: "10.0.0.0/33", except: [] } }],
                            ports: [
                                { port: "http", endPort: 90 },
                                { port: 90, endPort: 80 },
                            ],
                        },
                        { to: [{ ipBlock: { cidr: "10.0.0.0/16", except: ["192.168.0.0/24"] } }] },
                    ],
                },
            }),
            [
                "networkPolicy.ingressFrom[0].ipBlock: must be the only field of the peer (Kubernetes refuses ipBlock with podSelector or namespaceSelector)",
                "networkPolicy.ingressFrom[1]: must set podSelector, namespaceSelector or ipBlock",
                'networkPolicy.ingressFrom[2].namespaceSelector.matchExpressions[0].values: must not be empty for operator "In"',
                'networkPolicy.extraEgress[0].to[0].ipBlock.cidr: must be a CIDR such as "10.0.0.0/8" or "2001:db8::/32" (got "10.0.0.0/33")',
                "networkPolicy.extraEgress[0].ports[0].endPort: needs a numeric port (got 90)",
                "networkPolicy.extraEgress[0].ports[1].endPort: must be >= port 90 (got 80)",
                'networkPolicy.extraEgress[1].to[0].ipBlock.except[0]: must be a strict subset of cidr 10.0.0.0/16 (got "192.168.0.0/24")',
            ],
        );
        assert.deepEqual(problems(productionSpec(), { networkPolicy: { ingressFrom: [] } }), [
            "networkPolicy.ingressFrom: must list at least one peer: Kubernetes reads an empty list as every source (leave ingressFrom out for that)",
        ]);
    });
});

describe("ephemeral storage of an agent", () => {
    const pod = (o: any) => o.deployment.spec.template.spec;
    const containers = (o: any) => Object.fromEntries([...pod(o).initContainers, ...pod(o).containers].map((c: any) => [c.name, c.resources]));

    it("bounds both containers and both /tmp volumes by default", () => {
        const o = render(productionSpec());
        assert.deepEqual(containers(o).facade, {
            requests: { cpu: "100m", memory: "64Mi", "ephemeral-storage": "64Mi" },
            limits: { memory: "128Mi", "ephemeral-storage": "256Mi" },
        });
        assert.deepEqual(containers(o).runtime.requests["ephemeral-storage"], "128Mi");
        assert.deepEqual(containers(o).runtime.limits["ephemeral-storage"], "1Gi");
        assert.deepEqual(
            pod(o)
                .volumes.filter((v: any) => v.emptyDir)
                .map((v: any) => [v.name, v.emptyDir.sizeLimit]),
            [
                ["facade-tmp", "64Mi"],
                ["runtime-tmp", "512Mi"],
            ],
        );
    });

    it("the runtime's ephemeral storage in spec.runtime.resources stands whole (a limit alone: Kubernetes makes it the request)", () => {
        const o = render(withSpec((s) => (s.runtime.resources = { requests: { cpu: "1", memory: "1Gi" }, limits: { memory: "1Gi", "ephemeral-storage": "2Gi" } })));
        assert.deepEqual(containers(o).runtime, { requests: { cpu: "1", memory: "1Gi" }, limits: { memory: "1Gi", "ephemeral-storage": "2Gi" } });
        const requestOnly = render(withSpec((s) => (s.runtime.resources = { requests: { "ephemeral-storage": "2Gi" } })));
        assert.deepEqual(containers(requestOnly).runtime, { requests: { "ephemeral-storage": "2Gi" } }, "no empty limits map");
        const bare = render(withSpec((s) => delete s.runtime.resources));
        assert.deepEqual(containers(bare).runtime, { requests: { "ephemeral-storage": "128Mi" }, limits: { "ephemeral-storage": "1Gi" } });
    });

    it("takes the facade's budget and the /tmp size limits from the ephemeralStorage argument", () => {
        const o = render(productionSpec(), { ephemeralStorage: { facadeRequest: "32Mi", facadeLimit: "1Gi", facadeTmpSizeLimit: "16Mi", runtimeTmpSizeLimit: "2Gi" } });
        assert.deepEqual(containers(o).facade.requests["ephemeral-storage"], "32Mi");
        assert.deepEqual(containers(o).facade.limits["ephemeral-storage"], "1Gi");
        assert.deepEqual(
            pod(o)
                .volumes.filter((v: any) => v.emptyDir)
                .map((v: any) => v.emptyDir.sizeLimit),
            ["16Mi", "2Gi"],
        );
        assert.deepEqual(problems(productionSpec(), { ephemeralStorage: { facadeRequest: "1Gi", facadeLimit: "256Mi", runtimeTmpSizeLimit: "lots" } }), [
            'ephemeralStorage.runtimeTmpSizeLimit: must be a non-negative Kubernetes quantity such as "500m", "1" or "256Mi" (got "lots")',
            "ephemeralStorage.facadeRequest: must be less than or equal to facadeLimit 256Mi (got 1Gi)",
        ]);
    });
});
