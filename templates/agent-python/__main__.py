"""An Omnia AI agent: its prompts, its LLM provider and the agent itself, validated before anything is created.

Before `pulumi up` the cluster needs the namespace and a Secret `redis-credentials` whose key `url` is
the session store's Redis URL; the stack needs a runtime image (`pulumi config set omnia:runtimeImage`).
"""
import pulumi
import altairalabs_pulumi_omnia as omnia

config = pulumi.Config()
metadata = {"namespace": config.get("namespace") or "agents"}

prompts = omnia.PromptPack(
    "assistant-prompts",
    metadata=metadata,
    spec={
        "versions": [
            {
                "version": "1.0.0",
                "content": {
                    "id": "assistant",
                    "name": "Assistant",
                    "version": "1.0.0",
                    "template_engine": {"version": "v1", "syntax": "{{variable}}"},
                    "prompts": {"default": {"id": "default", "name": "Assistant", "version": "1.0.0", "system_template": "You are a helpful assistant."}},
                },
            }
        ]
    },
)

provider = omnia.LlmProvider(
    "llm",
    metadata=metadata,
    spec={
        "type": config.get("providerType") or "claude",
        "model": config.get("model") or "claude-sonnet-4-20250514",
        "secret_ref": {"name": "llm-credentials"},
    },
    api_key=config.require_secret("apiKey"),  # creates the Secret llm-credentials; stays secret in the state
)

agent = omnia.AgentRuntime(
    "assistant",
    metadata=metadata,
    spec={
        "prompt_pack_ref": {"name": "assistant-prompts", "version": "1.0.0"},
        "provider_ref": {"name": "llm"},
        "facade": {"type": omnia.FacadeType.WEBSOCKET, "port": 8080, "handler": omnia.HandlerMode.RUNTIME},
        "session": {"type": omnia.SessionType.REDIS, "ttl": "24h", "store_ref": {"name": "redis-credentials"}},
        "runtime": {
            "resources": {"requests": {"cpu": "250m", "memory": "256Mi"}, "limits": {"cpu": "1000m", "memory": "512Mi"}},
            "autoscaling": {"enabled": True, "type": omnia.AutoscalerType.HPA, "min_replicas": 2, "max_replicas": 5},
        },
    },
    opts=pulumi.ResourceOptions(depends_on=[prompts, provider]),
)

pulumi.export("status", agent.status)
pulumi.export("endpoint", agent.service_endpoint)
