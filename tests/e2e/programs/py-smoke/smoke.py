"""A Namespace and a Deployment of 2 replicas, exporting readyReplicas."""
import os

import pulumi
import pulumi_kubernetes as k8s


def smoke() -> None:
    config = pulumi.Config()
    # The project's kubeconfig (path), never an ambient one.
    kubeconfig = config.get("kubeconfig") or os.environ.get("KUBECONFIG")
    if not kubeconfig:
        raise ValueError("set config kubeconfig (or KUBECONFIG) to the project's kubeconfig")
    provider = k8s.Provider("omnia-e2e", kubeconfig=kubeconfig)
    opts = pulumi.ResourceOptions(provider=provider)
    ns = k8s.core.v1.Namespace("py-smoke", opts=opts)
    labels = {"app": "py-smoke"}
    deployment = k8s.apps.v1.Deployment(
        "py-smoke",
        metadata={"namespace": ns.metadata.name},
        spec={
            "replicas": 2,
            "selector": {"match_labels": labels},
            "template": {
                "metadata": {"labels": labels},
                "spec": {"containers": [{"name": "app", "image": "registry.invalid/omnia/smoke:1"}]},
            },
        },
        opts=opts,
    )
    pulumi.export("namespace", ns.metadata.name)
    pulumi.export("readyReplicas", deployment.status.ready_replicas)
