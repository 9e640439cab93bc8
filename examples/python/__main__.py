"""The source document's production agent, with the PromptPack, LLM provider and ToolRegistry it references."""
import pulumi
import altairalabs_pulumi_omnia as omnia

config = pulumi.Config()
namespace = config.get("namespace") or "agents"
metadata = {"namespace": namespace}

prompts = omnia.PromptPack(
    "customer-service-prompts",
    metadata=metadata,
    spec={
        "versions": [
            {
                "version": "2.1.0",
                "content": {
                    "id": "customer-service",
                    "name": "Customer service",
                    "version": "2.1.0",
                    "template_engine": {"version": "v1", "syntax": "{{variable}}"},
                    # The runtime opens the prompt "default", or the pack's only prompt (here "support").
                    "prompts": {
                        "support": {"id": "support", "name": "Customer support", "version": "2.1.0", "system_template": "You are a helpful customer service agent."}
                    },
                },
            }
        ]
    },
)

claude = omnia.LlmProvider(
    "claude-production",
    metadata=metadata,
    spec={
        "type": omnia.ProviderType.CLAUDE,
        "model": "claude-sonnet-4-20250514",
        "secret_ref": {"name": "llm-credentials"},
        "defaults": {"temperature": "0.7", "max_tokens": 4096},
    },
    # Optional: creates the Secret llm-credentials from a Pulumi secret (kept secret in state).
    api_key=config.get_secret("anthropicApiKey"),
)

tools = omnia.ToolRegistry(
    "service-tools",
    metadata=metadata,
    spec={
        "handlers": [
            {
                "name": "weather",
                "type": omnia.ToolHandlerType.HTTP,
                "http_config": {"endpoint": "http://weather.tools.svc.cluster.local:8080/weather", "method": "POST"},
                "tool": {
                    "name": "get_weather",
                    "description": "Current weather for a city",
                    "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
                },
                "timeout": "30s",
            }
        ]
    },
)

agent = omnia.AgentRuntime(
    "production-agent",
    metadata=metadata,
    spec={
        "prompt_pack_ref": {"name": "customer-service-prompts", "version": "2.1.0"},
        "provider_ref": {"name": "claude-production"},
        "tool_registry_ref": {"name": "service-tools"},
        "facade": {"type": omnia.FacadeType.WEBSOCKET, "port": 8080, "handler": omnia.HandlerMode.RUNTIME},
        "session": {"type": omnia.SessionType.REDIS, "ttl": "24h", "store_ref": {"name": "redis-credentials"}},
        "runtime": {
            "replicas": 3,  # ignored when autoscaling is enabled
            "resources": {"requests": {"cpu": "500m", "memory": "256Mi"}, "limits": {"cpu": "1000m", "memory": "512Mi"}},
            "autoscaling": {
                "enabled": True,
                "type": omnia.AutoscalerType.KEDA,
                "min_replicas": 1,
                "max_replicas": 20,
                "keda": {
                    "polling_interval": 15,
                    "cooldown_period": 120,
                    "triggers": [
                        {
                            "type": "prometheus",
                            "metadata": {
                                "serverAddress": "http://omnia-prometheus-server.omnia-system.svc.cluster.local/prometheus",
                                "query": f'sum(omnia_agent_connections_active{{agent="production-agent",namespace="{namespace}"}}) or vector(0)',
                                "threshold": "10",
                            },
                        }
                    ],
                },
            },
        },
    },
    # References by name resolve to the companions above once they exist in the plugin.
    opts=pulumi.ResourceOptions(depends_on=[prompts, claude, tools]),
)

pulumi.export("status", agent.status)
pulumi.export("serviceEndpoint", agent.service_endpoint)
pulumi.export("activeVersion", agent.active_version)
