"""facade.port 9000 (reserved), session.ttl "1d" (not a Go duration), hpa with minReplicas 0."""
import pulumi
import altairalabs_pulumi_omnia as omnia

config = pulumi.Config()
omnia.AgentRuntime(
    "bad-agent",
    metadata={"namespace": config.require("namespace")},
    spec={
        "prompt_pack_ref": {"name": "no-such-prompts", "version": "1.0.0"},
        "facade": {"port": 9000, "handler": omnia.HandlerMode.ECHO},
        "session": {"type": omnia.SessionType.MEMORY, "ttl": "1d"},
        "runtime": {"autoscaling": {"enabled": True, "type": omnia.AutoscalerType.HPA, "min_replicas": 0, "max_replicas": 3}},
    },
)
