import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";

// A Namespace and a Deployment of 2 replicas, exporting readyReplicas.
const config = new pulumi.Config();
// The project's kubeconfig (path), never an ambient one.
const kubeconfig = config.get("kubeconfig") ?? process.env.KUBECONFIG;
if (!kubeconfig) {
    throw new Error("set config kubeconfig (or KUBECONFIG) to the project's kubeconfig");
}
const provider = new k8s.Provider("omnia-e2e", { kubeconfig });
const ns = new k8s.core.v1.Namespace("ts-smoke", {}, { provider });
const labels = { app: "ts-smoke" };
const deployment = new k8s.apps.v1.Deployment(
    "ts-smoke",
    {
        metadata: { namespace: ns.metadata.name },
        spec: {
            replicas: 2,
            selector: { matchLabels: labels },
            template: {
                metadata: { labels },
                spec: { containers: [{ name: "app", image: "registry.invalid/omnia/smoke:1" }] },
            },
        },
    },
    { provider },
);
export const namespace = ns.metadata.name;
export const readyReplicas = deployment.status.readyReplicas;
