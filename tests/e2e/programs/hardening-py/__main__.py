"""A runtime agent (mock provider) with a tool, whose NetworkPolicy and ephemeral storage come from the component's arguments."""
import pulumi
import altairalabs_pulumi_omnia as omnia

config = pulumi.Config()
namespace = config.require("namespace")
metadata = {"namespace": namespace}
mode = config.get("networkPolicy") or "on"

prompts = omnia.PromptPack(
    "hardening-prompts",
    metadata=metadata,
    spec={
        "versions": [
            {
                "version": "1.0.0",
                "content": {
                    "id": "hardening",
                    "name": "Hardening",
                    "version": "1.0.0",
                    "template_engine": {"version": "v1", "syntax": "{{variable}}"},
                    "prompts": {"default": {"id": "default", "name": "Default", "version": "1.0.0", "system_template": "Be helpful."}},
                },
            }
        ]
    },
)

tools = omnia.ToolRegistry(
    "hardening-tools",
    metadata=metadata,
    spec={
        "handlers": [
            {
                "name": "weather",
                "type": omnia.ToolHandlerType.HTTP,
                "http_config": {"endpoint": "http://weather.tools.svc.cluster.local:8080/weather", "method": "POST"},
                "tool": {"name": "get_weather", "description": "Weather for a city.", "input_schema": {"type": "object"}},
            }
        ]
    },
)

ingress_controllers = {"namespace_selector": {"match_labels": {"kubernetes.io/metadata.name": "ingress-nginx"}}}
omnia.AgentRuntime(
    "hardening-py",
    metadata={**metadata, "annotations": {"omnia.altairalabs.ai/mock-provider": "true"}},
    spec={
        "prompt_pack_ref": {"name": "hardening-prompts", "version": "1.0.0"},
        "tool_registry_ref": {"name": "hardening-tools"},
        "framework": {"image": config.require("runtimeImage")},
        "runtime": {"replicas": 2, "resources": {"requests": {"cpu": "250m", "memory": "128Mi"}, "limits": {"memory": "256Mi"}}},
    },
    network_policy={
        "enabled": mode != "off",
        "ingress_from": [] if mode == "empty-ingress" else [ingress_controllers],
        "extra_egress": [{"to": [{"ip_block": {"cidr": "10.20.0.0/16", "except": ["10.20.9.0/24"]}}], "ports": [{"port": 6380, "end_port": 6390}]}],
    },
    ephemeral_storage={"facade_limit": "512Mi", "runtime_tmp_size_limit": "2Gi"},
    opts=pulumi.ResourceOptions(depends_on=[prompts, tools]),
)
