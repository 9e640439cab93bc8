// An agent with the PromptPack and LlmProvider it references, through the SDK `pulumi package add`
// generated into sdks/omnia (go.mod requires and replaces its module).
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/altairalabs/pulumi-omnia/sdk/go/omnia"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		metadata := &omnia.ObjectMetaArgs{Namespace: pulumi.String(cfg.Require("namespace"))}

		prompts, err := omnia.NewPromptPack(ctx, "pkgadd-go-prompts", &omnia.PromptPackArgs{
			Metadata: metadata,
			Spec: &omnia.PromptPackSpecArgs{
				Versions: omnia.PromptPackVersionArray{
					&omnia.PromptPackVersionArgs{
						Version: pulumi.String("1.0.0"),
						Content: pulumi.Map{
							"id":              pulumi.String("pkgadd"),
							"name":            pulumi.String("Package add"),
							"version":         pulumi.String("1.0.0"),
							"template_engine": pulumi.Map{"version": pulumi.String("v1"), "syntax": pulumi.String("{{variable}}")},
							"prompts": pulumi.Map{
								"support": pulumi.Map{
									"id":              pulumi.String("support"),
									"name":            pulumi.String("Support"),
									"version":         pulumi.String("1.0.0"),
									"system_template": pulumi.String("Be helpful."),
								},
							},
						},
					},
				},
			},
		})
		if err != nil {
			return err
		}

		llm, err := omnia.NewLlmProvider(ctx, "pkgadd-go-llm", &omnia.LlmProviderArgs{
			Metadata: metadata,
			Spec: &omnia.LlmProviderSpecArgs{
				Type:      omnia.ProviderTypeClaude,
				Model:     pulumi.String("claude-sonnet-4-20250514"),
				SecretRef: &omnia.SecretKeyRefArgs{Name: pulumi.String("pkgadd-go-llm-credentials")},
			},
			ApiKey: cfg.RequireSecret("anthropicApiKey"),
		})
		if err != nil {
			return err
		}

		agent, err := omnia.NewAgentRuntime(ctx, "pkgadd-go", &omnia.AgentRuntimeArgs{
			Metadata: metadata,
			Spec: &omnia.AgentRuntimeSpecArgs{
				PromptPackRef: &omnia.PromptPackRefArgs{Name: pulumi.String("pkgadd-go-prompts"), Version: pulumi.String("1.0.0")},
				ProviderRef:   &omnia.ProviderRefArgs{Name: pulumi.String("pkgadd-go-llm")},
				Facade:        &omnia.FacadeArgs{Handler: omnia.HandlerModeRuntime},
			},
		}, pulumi.DependsOn([]pulumi.Resource{prompts, llm}))
		if err != nil {
			return err
		}

		ctx.Export("serviceEndpoint", agent.ServiceEndpoint)
		return nil
	})
}
