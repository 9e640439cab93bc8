"""One echo agent whose autoscaling (none or keda, 2..6) and replicas come from config."""
import pulumi
import altairalabs_pulumi_omnia as omnia

config = pulumi.Config()
metadata = {"namespace": config.require("namespace")}
autoscaling = config.get("autoscaling") or "none"

prompts = omnia.PromptPack(
    "handover-prompts",
    metadata=metadata,
    spec={
        "versions": [
            {
                "version": "1.0.0",
                "content": {
                    "id": "handover",
                    "name": "Handover",
                    "version": "1.0.0",
                    "template_engine": {"version": "v1", "syntax": "{{variable}}"},
                    "prompts": {"support": {"id": "support", "name": "Support", "version": "1.0.0", "system_template": "Be helpful."}},
                },
            }
        ]
    },
)

omnia.AgentRuntime(
    "handover-py",
    metadata=metadata,
    spec={
        "prompt_pack_ref": {"name": "handover-prompts", "version": "1.0.0"},
        "facade": {"handler": omnia.HandlerMode.ECHO},
        "runtime": {
            "replicas": config.get_int("replicas"),
            "autoscaling": (
                {"enabled": False}
                if autoscaling == "none"
                else {"enabled": True, "type": omnia.AutoscalerType(autoscaling), "min_replicas": 2, "max_replicas": 6}
            ),
        },
    },
    opts=pulumi.ResourceOptions(depends_on=[prompts]),
)
