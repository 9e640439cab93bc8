"""An agent with the PromptPack and LlmProvider it references, through the SDK `pulumi package add` generated."""
import pulumi
import altairalabs_pulumi_omnia as omnia

config = pulumi.Config()
metadata = {"namespace": config.require("namespace")}

prompts = omnia.PromptPack(
    "pkgadd-py-prompts",
    metadata=metadata,
    spec={
        "versions": [
            {
                "version": "1.0.0",
                "content": {
                    "id": "pkgadd",
                    "name": "Package add",
                    "version": "1.0.0",
                    "template_engine": {"version": "v1", "syntax": "{{variable}}"},
                    "prompts": {"support": {"id": "support", "name": "Support", "version": "1.0.0", "system_template": "Be helpful."}},
                },
            }
        ]
    },
)

llm = omnia.LlmProvider(
    "pkgadd-py-llm",
    metadata=metadata,
    spec={"type": omnia.ProviderType.CLAUDE, "model": "claude-sonnet-4-20250514", "secret_ref": {"name": "pkgadd-py-llm-credentials"}},
    api_key=config.require_secret("anthropicApiKey"),
)

agent = omnia.AgentRuntime(
    "pkgadd-py",
    metadata=metadata,
    spec={
        "prompt_pack_ref": {"name": "pkgadd-py-prompts", "version": "1.0.0"},
        "provider_ref": {"name": "pkgadd-py-llm"},
        "facade": {"handler": omnia.HandlerMode.RUNTIME},
    },
    opts=pulumi.ResourceOptions(depends_on=[prompts, llm]),
)

pulumi.export("serviceEndpoint", agent.service_endpoint)
