// Rules on Kubernetes objects: the rendered production-grade objects as baseline, one change per case.
import { strict as assert } from "assert";
import { PROD, productionObjects, rendered } from "./fixtures";
import { type Resource, run, type Stack, UNKNOWN_ARRAY, UNKNOWN_NUMBER, UNKNOWN_OBJECT, UNKNOWN_STRING } from "./harness";

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const SERVICE = "kubernetes:core/v1:Service";
const HPA = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
const SCALED_OBJECT = "kubernetes:keda.sh/v1alpha1:ScaledObject";
const PDB = "kubernetes:policy/v1:PodDisruptionBudget";
const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
// The rendered pod: the runtime is a native sidecar (initContainers[0]), the facade the one container.
const C0 = "spec.template.spec.containers[0]";
const C1 = "spec.template.spec.initContainers[0]";

interface Case {
    policy: string;
    title: string;
    /** The resource(s) checked: a rendered object changed once, or a list for stack policies. */
    resources: () => Resource | Resource[];
    stack?: Stack;
    expect: string[];
}

/** The rendered production Deployment with one change. */
const deployment =
    (change: (d: any) => void = () => {}) =>
    () => {
        const d = rendered(DEPLOYMENT);
        change(d.props);
        return d;
    };
const runtimeContainer = (d: any) => d.spec.template.spec.initContainers[0];
const podSecurity = (d: any) => d.spec.template.spec.securityContext;

/** The rendered production objects with one change on the object of the given type. */
const objects =
    (change: (list: Resource[]) => void = () => {}) =>
    () => {
        const list = productionObjects();
        change(list);
        return list;
    };
const byType = (list: Resource[], type: string) => list.find((r) => r.type === type)!;
const hpaFor = (name: string, namespace = "agents") => ({
    type: HPA,
    name: `${name}-hpa`,
    props: {
        apiVersion: "autoscaling/v2",
        kind: "HorizontalPodAutoscaler",
        metadata: { name: `${name}-hpa`, namespace },
        spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name }, minReplicas: 2, maxReplicas: 5 },
    },
});

const cases: Case[] = [
    // container-resources-bounded
    { policy: "container-resources-bounded", title: "both containers sized", resources: deployment(), expect: [] },
    {
        policy: "container-resources-bounded",
        title: "runtime without resources",
        resources: deployment((d) => delete runtimeContainer(d).resources),
        expect: [`${C1}.resources: not set; set requests.cpu, requests.memory and limits.memory (container "runtime")`],
    },
    {
        policy: "container-resources-bounded",
        title: "runtime without a cpu request and memory limit",
        resources: deployment((d) => (runtimeContainer(d).resources = { requests: { memory: "1Gi" }, limits: { cpu: "1" } })),
        expect: [`${C1}.resources.requests.cpu: not set (container "runtime")`, `${C1}.resources.limits.memory: not set (container "runtime")`],
    },
    // container-image-pinned
    { policy: "container-image-pinned", title: "versions", resources: deployment(), expect: [] },
    {
        policy: "container-image-pinned",
        title: "a digest",
        resources: deployment((d) => (runtimeContainer(d).image = `ghcr.io/altairalabs/omnia-runtime@sha256:${"a".repeat(64)}`)),
        expect: [],
    },
    {
        policy: "container-image-pinned",
        title: "latest",
        resources: deployment((d) => (runtimeContainer(d).image = "ghcr.io/altairalabs/omnia-runtime:latest")),
        expect: [`${C1}.image: "ghcr.io/altairalabs/omnia-runtime:latest" uses "latest"; pin a version or a digest (container "runtime")`],
    },
    {
        policy: "container-image-pinned",
        title: "no tag (a registry port is not a tag)",
        resources: deployment((d) => (runtimeContainer(d).image = "registry.local:5000/omnia-runtime")),
        expect: [`${C1}.image: "registry.local:5000/omnia-runtime" has no tag; pin a version or a digest (container "runtime")`],
    },
    {
        policy: "container-image-pinned",
        title: "an init container on latest",
        resources: deployment((d) => (d.spec.template.spec.initContainers = [{ name: "migrate", image: "busybox" }])),
        expect: [`spec.template.spec.initContainers[0].image: "busybox" has no tag; pin a version or a digest (container "migrate")`],
    },
    {
        policy: "container-image-pinned",
        title: "a bare Pod",
        resources: () => ({ type: "kubernetes:core/v1:Pod", props: { metadata: { name: "p" }, spec: { containers: [{ name: "c", image: "nginx:latest" }] } } }),
        expect: ['spec.containers[0].image: "nginx:latest" uses "latest"; pin a version or a digest (container "c")'],
    },
    {
        policy: "container-image-pinned",
        title: "an unknown image is not judged",
        resources: deployment((d) => (runtimeContainer(d).image = UNKNOWN_STRING)),
        expect: [],
    },
    // container-run-as-non-root
    { policy: "container-run-as-non-root", title: "set on containers and pod", resources: deployment(), expect: [] },
    {
        policy: "container-run-as-non-root",
        title: "set on the pod only",
        resources: deployment((d) => d.spec.template.spec.containers.forEach((c: any) => delete c.securityContext.runAsNonRoot)),
        expect: [],
    },
    {
        policy: "container-run-as-non-root",
        title: "set nowhere",
        resources: deployment((d) => {
            [...d.spec.template.spec.initContainers, ...d.spec.template.spec.containers].forEach((c: any) => delete c.securityContext.runAsNonRoot);
            delete podSecurity(d).runAsNonRoot;
        }),
        expect: [
            `${C0}.securityContext.runAsNonRoot: not set on the container or the pod; set it to true (container "facade")`,
            `${C1}.securityContext.runAsNonRoot: not set on the container or the pod; set it to true (container "runtime")`,
        ],
    },
    {
        policy: "container-run-as-non-root",
        title: "uid 0 on the pod",
        resources: deployment((d) => (podSecurity(d).runAsUser = 0)),
        expect: [
            `${C0}.securityContext.runAsUser: 0 (from the pod) is root; use a non-zero uid (container "facade")`,
            `${C1}.securityContext.runAsUser: 0 (from the pod) is root; use a non-zero uid (container "runtime")`,
        ],
    },
    {
        policy: "container-run-as-non-root",
        title: "false on a container overrides the pod",
        resources: deployment((d) => (runtimeContainer(d).securityContext.runAsNonRoot = false)),
        expect: [`${C1}.securityContext.runAsNonRoot: false; set it to true (container "runtime")`],
    },
    // container-no-privilege-escalation
    { policy: "container-no-privilege-escalation", title: "false", resources: deployment(), expect: [] },
    {
        policy: "container-no-privilege-escalation",
        title: "unset and privileged",
        resources: deployment((d) => {
            delete runtimeContainer(d).securityContext.allowPrivilegeEscalation;
            runtimeContainer(d).securityContext.privileged = true;
        }),
        expect: [
            `${C1}.securityContext.allowPrivilegeEscalation: not set (Kubernetes allows it); set it to false (container "runtime")`,
            `${C1}.securityContext.privileged: true gives the container the host's powers; remove it (container "runtime")`,
        ],
    },
    // container-capabilities-drop-all
    { policy: "container-capabilities-drop-all", title: "drop ALL", resources: deployment(), expect: [] },
    {
        policy: "container-capabilities-drop-all",
        title: "drop NET_RAW only",
        resources: deployment((d) => (runtimeContainer(d).securityContext.capabilities = { drop: ["NET_RAW"] })),
        expect: [`${C1}.securityContext.capabilities.drop: ["NET_RAW"]; drop "ALL" (container "runtime")`],
    },
    {
        policy: "container-capabilities-drop-all",
        title: "no capabilities",
        resources: deployment((d) => delete runtimeContainer(d).securityContext.capabilities),
        expect: [`${C1}.securityContext.capabilities.drop: not set; drop "ALL" (container "runtime")`],
    },
    {
        policy: "container-capabilities-drop-all",
        title: "an unknown drop list is not judged",
        resources: deployment((d) => (runtimeContainer(d).securityContext.capabilities.drop = UNKNOWN_ARRAY)),
        expect: [],
    },
    // container-seccomp-profile
    { policy: "container-seccomp-profile", title: "RuntimeDefault on the pod", resources: deployment(), expect: [] },
    {
        policy: "container-seccomp-profile",
        title: "Localhost on the containers",
        resources: deployment((d) => {
            delete podSecurity(d).seccompProfile;
            [...d.spec.template.spec.initContainers, ...d.spec.template.spec.containers].forEach(
                (c: any) => (c.securityContext.seccompProfile = { type: "Localhost", localhostProfile: "p.json" }),
            );
        }),
        expect: [],
    },
    {
        policy: "container-seccomp-profile",
        title: "Unconfined on a container",
        resources: deployment((d) => (runtimeContainer(d).securityContext.seccompProfile = { type: "Unconfined" })),
        expect: [`${C1}.securityContext.seccompProfile.type: "Unconfined"; use "RuntimeDefault" or "Localhost" (container "runtime")`],
    },
    {
        policy: "container-seccomp-profile",
        title: "none",
        resources: deployment((d) => delete podSecurity(d).seccompProfile),
        expect: [
            `${C0}.securityContext.seccompProfile.type: not set on the container or the pod; use "RuntimeDefault" or "Localhost" (container "facade")`,
            `${C1}.securityContext.seccompProfile.type: not set on the container or the pod; use "RuntimeDefault" or "Localhost" (container "runtime")`,
        ],
    },
    // container-probes
    { policy: "container-probes", title: "both probes", resources: deployment(), expect: [] },
    {
        policy: "container-probes",
        title: "no liveness probe",
        resources: deployment((d) => delete runtimeContainer(d).livenessProbe),
        expect: [`${C1}.livenessProbe: not set (container "runtime")`],
    },
    {
        policy: "container-probes",
        title: "a StatefulSet without probes",
        resources: () => ({
            type: "kubernetes:apps/v1:StatefulSet",
            props: { metadata: { name: "db", namespace: "data" }, spec: { template: { spec: { containers: [{ name: "db", image: "postgres:16.4" }] } } } },
        }),
        expect: [`${C0}.readinessProbe: not set (container "db")`, `${C0}.livenessProbe: not set (container "db")`],
    },
    {
        policy: "container-probes",
        title: "a probe unknown in preview is present",
        resources: deployment((d) => (runtimeContainer(d).livenessProbe = UNKNOWN_OBJECT)),
        expect: [],
    },
    {
        policy: "container-probes",
        title: "liveness the same request as readiness",
        resources: deployment((d) => (runtimeContainer(d).readinessProbe = { ...runtimeContainer(d).livenessProbe, periodSeconds: 5 })),
        expect: [
            `${C1}.livenessProbe: makes the same request as readinessProbe; a liveness probe that fails whenever readiness does restarts pods under load (container "runtime")`,
        ],
    },
    {
        policy: "container-probes",
        title: "the same probe path with a port unknown in preview: undecided",
        resources: deployment((d) => {
            runtimeContainer(d).readinessProbe = { httpGet: { path: "/healthz", port: UNKNOWN_NUMBER } };
        }),
        expect: [],
    },
    // container-ephemeral-storage-bounded
    { policy: "container-ephemeral-storage-bounded", title: "both containers and both emptyDirs bounded", resources: deployment(), expect: [] },
    {
        policy: "container-ephemeral-storage-bounded",
        title: "no ephemeral storage on the runtime, an unbounded /tmp",
        resources: deployment((d) => {
            delete runtimeContainer(d).resources.limits["ephemeral-storage"];
            delete runtimeContainer(d).resources.requests["ephemeral-storage"];
            d.spec.template.spec.volumes.find((v: any) => v.name === "runtime-tmp").emptyDir = {};
        }),
        expect: [
            `${C1}.resources.requests.ephemeral-storage: not set (container "runtime")`,
            `${C1}.resources.limits.ephemeral-storage: not set (container "runtime")`,
            'spec.template.spec.volumes[3].emptyDir.sizeLimit: not set (volume "runtime-tmp"); bound it',
        ],
    },
    // container-env-secrets-from-ref
    { policy: "container-env-secrets-from-ref", title: "keys from a Secret, MAX_TOKENS is not a token", resources: deployment(), expect: [] },
    {
        policy: "container-env-secrets-from-ref",
        title: "a literal API key",
        resources: deployment((d) => runtimeContainer(d).env.push({ name: "OPENAI_API_KEY", value: "sk-live" })),
        expect: [`${C1}.env[13]: "OPENAI_API_KEY" has a literal value; use valueFrom.secretKeyRef (container "runtime")`],
    },
    {
        policy: "container-env-secrets-from-ref",
        title: "a camelCase password whose value is unknown",
        resources: deployment((d) => runtimeContainer(d).env.push({ name: "dbPassword", value: UNKNOWN_STRING })),
        expect: [`${C1}.env[13]: "dbPassword" has a literal value; use valueFrom.secretKeyRef (container "runtime")`],
    },
    {
        policy: "container-env-secrets-from-ref",
        title: "a custom name pattern",
        resources: deployment((d) => runtimeContainer(d).env.push({ name: "LICENSE", value: "abc" })),
        stack: { config: { "container-env-secrets-from-ref": { secretNamePattern: "LICENSE" } } },
        expect: [`${C1}.env[13]: "LICENSE" has a literal value; use valueFrom.secretKeyRef (container "runtime")`],
    },
    // service-cluster-ip
    { policy: "service-cluster-ip", title: "ClusterIP", resources: () => rendered(SERVICE), expect: [] },
    {
        policy: "service-cluster-ip",
        title: "LoadBalancer",
        resources: () => {
            const s = rendered(SERVICE);
            s.props.spec.type = "LoadBalancer";
            return s;
        },
        expect: ['spec.type: "LoadBalancer" exposes the Service outside the cluster; use ClusterIP or allow-list it'],
    },
    {
        policy: "service-cluster-ip",
        title: "an allow-listed NodePort",
        resources: () => {
            const s = rendered(SERVICE);
            s.props.spec.type = "NodePort";
            return s;
        },
        stack: { config: { "service-cluster-ip": { allowedServices: ["agents/production-agent"] } } },
        expect: [],
    },
    // namespace-not-default
    { policy: "namespace-not-default", title: "agents", resources: () => productionObjects(), expect: [] },
    {
        policy: "namespace-not-default",
        title: "default",
        resources: deployment((d) => (d.metadata.namespace = "default")),
        expect: ['metadata.namespace: "default"; use a dedicated namespace'],
    },
    {
        policy: "namespace-not-default",
        title: "unset without a provider namespace",
        resources: deployment((d) => delete d.metadata.namespace),
        expect: ['metadata.namespace: not set, so the object goes to "default"; set a namespace'],
    },
    {
        policy: "namespace-not-default",
        title: "unset with a provider namespace",
        resources: () => ({ ...deployment((d) => delete d.metadata.namespace)(), provider: { namespace: "agents" } }),
        expect: [],
    },
    {
        policy: "namespace-not-default",
        title: "unknown in preview",
        resources: deployment((d) => (d.metadata.namespace = UNKNOWN_STRING)),
        expect: [],
    },
    // autoscaled-deployment-no-replicas (stack)
    { policy: "autoscaled-deployment-no-replicas", title: "the component's Deployment: a starting count, in ignoreChanges", resources: objects(), expect: [] },
    {
        policy: "autoscaled-deployment-no-replicas",
        title: "replicas under a ScaledObject, not ignored",
        resources: objects((list) => {
            const d = byType(list, DEPLOYMENT);
            d.props.spec.replicas = 3;
            d.ignoreChanges = [];
        }),
        expect: [
            'spec.replicas: 3 is set on Deployment "agents/production-agent", which ScaledObject "agents/production-agent" scales; remove it or add ignoreChanges: ["spec.replicas"]',
        ],
    },
    {
        policy: "autoscaled-deployment-no-replicas",
        title: "no replicas, no ignoreChanges",
        resources: objects((list) => {
            const d = byType(list, DEPLOYMENT);
            delete d.props.spec.replicas;
            d.ignoreChanges = [];
        }),
        expect: [],
    },
    {
        policy: "autoscaled-deployment-no-replicas",
        title: "replicas ignored through ignoreChanges on spec",
        resources: objects((list) => (byType(list, DEPLOYMENT).ignoreChanges = ["spec"])),
        expect: [],
    },
    {
        policy: "autoscaled-deployment-no-replicas",
        title: "live replicas filled by the API server (not written by Pulumi)",
        resources: objects((list) => {
            const d = byType(list, DEPLOYMENT);
            d.ignoreChanges = [];
            d.props.spec.replicas = 4;
            d.props.metadata.managedFields = [
                { manager: "pulumi-kubernetes-abc", fieldsV1: { "f:spec": { "f:template": {} } } },
                { manager: "keda-operator", fieldsV1: { "f:spec": { "f:replicas": {} } } },
            ];
        }),
        expect: [],
    },
    {
        policy: "autoscaled-deployment-no-replicas",
        title: "live replicas written by Pulumi, not ignored",
        resources: objects((list) => {
            const d = byType(list, DEPLOYMENT);
            d.ignoreChanges = [];
            d.props.spec.replicas = 4;
            d.props.metadata.managedFields = [{ manager: "pulumi-kubernetes-abc", fieldsV1: { "f:spec": { "f:replicas": {} } } }];
        }),
        expect: [
            'spec.replicas: 4 is set on Deployment "agents/production-agent", which ScaledObject "agents/production-agent" scales; remove it or add ignoreChanges: ["spec.replicas"]',
        ],
    },
    {
        policy: "autoscaled-deployment-no-replicas",
        title: "live replicas held by Pulumi's field manager and ignored (before the autoscaler's first write)",
        resources: objects((list) => {
            const d = byType(list, DEPLOYMENT).props;
            d.spec.replicas = 3;
            d.metadata.managedFields = [{ manager: "pulumi-kubernetes-abc", fieldsV1: { "f:spec": { "f:replicas": {}, "f:template": {} } } }];
        }),
        expect: [],
    },
    {
        policy: "autoscaled-deployment-no-replicas",
        title: "ignored but force-applied",
        resources: objects((list) => (byType(list, DEPLOYMENT).props.metadata.annotations = { "pulumi.com/patchForce": "true" })),
        expect: [
            'metadata.annotations["pulumi.com/patchForce"]: "true" on Deployment "agents/production-agent", which ScaledObject "agents/production-agent" scales, takes spec.replicas back from the autoscaler; remove it',
        ],
    },
    {
        policy: "autoscaled-deployment-no-replicas",
        title: "autoscaling off: forced replicas and no autoscaler",
        resources: objects((list) => {
            const d = byType(list, DEPLOYMENT);
            d.props.metadata.annotations = { "pulumi.com/patchForce": "true" };
            d.ignoreChanges = [];
            list.splice(list.indexOf(byType(list, SCALED_OBJECT)), 1);
        }),
        expect: [],
    },
    // deployment-single-autoscaler (stack)
    { policy: "deployment-single-autoscaler", title: "one ScaledObject", resources: objects(), expect: [] },
    {
        policy: "deployment-single-autoscaler",
        title: "an HPA and a ScaledObject",
        resources: objects((list) => list.push(hpaFor("production-agent"))),
        expect: [
            'spec.scaleTargetRef.name: Deployment "agents/production-agent" is targeted by HorizontalPodAutoscaler "agents/production-agent-hpa" and ScaledObject "agents/production-agent"; keep one',
        ],
    },
    {
        policy: "deployment-single-autoscaler",
        title: "an HPA on a Deployment of the same name in another namespace",
        resources: objects((list) => list.push(hpaFor("production-agent", "other"))),
        expect: [],
    },
    // deployment-pod-disruption-budget (stack)
    { policy: "deployment-pod-disruption-budget", title: "keda from 2 with its PDB", resources: objects(), expect: [] },
    {
        policy: "deployment-pod-disruption-budget",
        title: "keda from 2 without a PDB",
        resources: objects((list) => list.splice(list.indexOf(byType(list, PDB)), 1)),
        expect: ['Deployment "agents/production-agent": can scale to 20 pods but no PodDisruptionBudget selects its pods; add one'],
    },
    {
        policy: "deployment-pod-disruption-budget",
        title: "a PDB that selects other pods",
        resources: objects((list) => (byType(list, PDB).props.spec.selector.matchLabels = { app: "other" })),
        expect: ['Deployment "agents/production-agent": can scale to 20 pods but no PodDisruptionBudget selects its pods; add one'],
    },
    {
        policy: "deployment-pod-disruption-budget",
        title: "a PDB selecting by expression, and one with an empty selector (every pod)",
        resources: objects((list) => {
            const pdb = byType(list, PDB);
            pdb.props.spec.selector = { matchExpressions: [{ key: "app.kubernetes.io/instance", operator: "In", values: ["production-agent"] }] };
            list.push({ ...pdb, name: "all", props: { ...pdb.props, metadata: { ...pdb.props.metadata, name: "all" }, spec: { maxUnavailable: 1, selector: {} } } });
            list.splice(list.indexOf(pdb), 1);
        }),
        expect: [],
    },
    {
        policy: "deployment-pod-disruption-budget",
        title: "a PDB selector unknown in preview: undecided",
        resources: objects((list) => (byType(list, PDB).props.spec.selector = UNKNOWN_OBJECT)),
        expect: [],
    },
    {
        policy: "deployment-pod-disruption-budget",
        title: "an HPA from 1 to 3 without a PDB (its maximum counts)",
        resources: objects((list) => {
            list.splice(list.indexOf(byType(list, PDB)), 1);
            list.splice(list.indexOf(byType(list, SCALED_OBJECT)), 1);
            list.push({
                ...hpaFor("production-agent"),
                props: { ...hpaFor("production-agent").props, spec: { ...hpaFor("production-agent").props.spec, minReplicas: 1, maxReplicas: 3 } },
            });
        }),
        expect: ['Deployment "agents/production-agent": can scale to 3 pods but no PodDisruptionBudget selects its pods; add one'],
    },
    {
        policy: "deployment-pod-disruption-budget",
        title: "a KEDA maximum not known in preview: undecided",
        resources: objects((list) => {
            list.splice(list.indexOf(byType(list, PDB)), 1);
            byType(list, SCALED_OBJECT).props.spec.maxReplicaCount = UNKNOWN_NUMBER;
        }),
        expect: [],
    },
    // workload-network-policy (stack)
    { policy: "workload-network-policy", title: "the agent's own NetworkPolicy", resources: objects(), expect: [] },
    {
        policy: "workload-network-policy",
        title: "networkPolicy disabled",
        resources: objects((list) => list.splice(list.indexOf(byType(list, NETWORK_POLICY)), 1)),
        expect: ['Deployment "agents/production-agent": no NetworkPolicy selects its pods; add one with policyTypes [Ingress, Egress]'],
    },
    {
        policy: "workload-network-policy",
        title: "an ingress-only policy (no policyTypes, no egress rules)",
        resources: objects((list) => {
            const spec = byType(list, NETWORK_POLICY).props.spec;
            delete spec.policyTypes;
            delete spec.egress;
        }),
        expect: ['Deployment "agents/production-agent": no NetworkPolicy restricts its egress; add one with policyTypes [Ingress, Egress]'],
    },
    {
        policy: "workload-network-policy",
        title: "a namespace-wide default deny (empty podSelector) in the same namespace",
        resources: objects((list) => {
            const np = byType(list, NETWORK_POLICY);
            np.props.spec = { podSelector: {}, policyTypes: ["Ingress", "Egress"] };
        }),
        expect: [],
    },
    {
        policy: "workload-network-policy",
        title: "a policy in another namespace, or selecting other pods by expression",
        resources: objects((list) => {
            const np = byType(list, NETWORK_POLICY);
            list.push({ ...np, name: "elsewhere", props: { ...np.props, metadata: { ...np.props.metadata, name: "elsewhere", namespace: "other" } } });
            np.props.spec.podSelector = { matchExpressions: [{ key: "app.kubernetes.io/instance", operator: "NotIn", values: ["production-agent"] }] };
        }),
        expect: ['Deployment "agents/production-agent": no NetworkPolicy selects its pods; add one with policyTypes [Ingress, Egress]'],
    },
    {
        policy: "workload-network-policy",
        title: "a podSelector unknown in preview: undecided",
        resources: objects((list) => (byType(list, NETWORK_POLICY).props.spec.podSelector = UNKNOWN_OBJECT)),
        expect: [],
    },
    {
        policy: "deployment-pod-disruption-budget",
        title: "a single replica needs none",
        resources: objects((list) => {
            list.splice(list.indexOf(byType(list, PDB)), 1);
            list.splice(list.indexOf(byType(list, SCALED_OBJECT)), 1);
            byType(list, DEPLOYMENT).props.spec.replicas = 1;
        }),
        expect: [],
    },
    {
        policy: "deployment-pod-disruption-budget",
        title: "3 replicas without autoscaler or PDB",
        resources: objects((list) => {
            list.splice(list.indexOf(byType(list, PDB)), 1);
            list.splice(list.indexOf(byType(list, SCALED_OBJECT)), 1);
            byType(list, DEPLOYMENT).props.spec.replicas = 3;
        }),
        expect: ['Deployment "agents/production-agent": runs 3 pods but no PodDisruptionBudget selects its pods; add one'],
    },
];

describe("policy pack: Kubernetes rules (production stack)", () => {
    for (const c of cases) {
        it(`${c.policy}: ${c.title}`, () => {
            assert.deepEqual(run(c.policy, c.resources(), { ...PROD, ...c.stack }), { violations: c.expect });
        });
    }

    it("does not throw when a workload's spec or containers are unknown during preview", () => {
        // The Deployment alone (no autoscaler, no budget; its NetworkPolicy for the stack rules): one pod,
        // so only the unknowns are at stake.
        const alone = (change: (d: any) => void) =>
            deployment((d) => {
                delete d.spec.replicas;
                change(d);
            })();
        const variants = [
            alone((d) => (d.spec = UNKNOWN_OBJECT)),
            alone((d) => (d.spec.template.spec.containers = UNKNOWN_ARRAY)),
            alone((d) => (d.spec.template.spec.containers[1] = UNKNOWN_OBJECT)),
            alone((d) => (runtimeContainer(d).securityContext = UNKNOWN_OBJECT)),
            alone((d) => (d.spec.template.spec.securityContext = UNKNOWN_OBJECT)),
        ];
        for (const name of new Set(cases.map((c) => c.policy))) {
            for (const d of variants) {
                const resources = name.startsWith("container-") || name.startsWith("namespace") ? d : [d, rendered(NETWORK_POLICY)];
                assert.deepEqual(run(name, resources, PROD), { violations: [] }, name);
            }
        }
    });
});
