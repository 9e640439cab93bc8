// The source document's production agent, with the PromptPack, LLM provider and ToolRegistry it references.
package main

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/altairalabs/pulumi-omnia/sdk/go/omnia"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		namespace := cfg.Get("namespace")
		if namespace == "" {
			namespace = "agents"
		}
		metadata := &omnia.ObjectMetaArgs{Namespace: pulumi.String(namespace)}

		prompts, err := omnia.NewPromptPack(ctx, "customer-service-prompts", &omnia.PromptPackArgs{
			Metadata: metadata,
			Spec: &omnia.PromptPackSpecArgs{
				Versions: omnia.PromptPackVersionArray{
					&omnia.PromptPackVersionArgs{
						Version: pulumi.String("2.1.0"),
						Content: pulumi.Map{
							"id":              pulumi.String("customer-service"),
							"name":            pulumi.String("Customer service"),
							"version":         pulumi.String("2.1.0"),
							"template_engine": pulumi.Map{"version": pulumi.String("v1"), "syntax": pulumi.String("{{variable}}")},
							// The runtime opens the prompt "default", or the pack's only prompt (here "support").
							"prompts": pulumi.Map{
								"support": pulumi.Map{
									"id":              pulumi.String("support"),
									"name":            pulumi.String("Customer support"),
									"version":         pulumi.String("2.1.0"),
									"system_template": pulumi.String("You are a helpful customer service agent."),
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

		providerArgs := &omnia.LlmProviderArgs{
			Metadata: metadata,
			Spec: &omnia.LlmProviderSpecArgs{
				Type:      omnia.ProviderTypeClaude,
				Model:     pulumi.String("claude-sonnet-4-20250514"),
				SecretRef: &omnia.SecretKeyRefArgs{Name: pulumi.String("llm-credentials")},
				Defaults:  &omnia.ProviderDefaultsArgs{Temperature: pulumi.String("0.7"), MaxTokens: pulumi.Int(4096)},
			},
		}
		// Optional: creates the Secret llm-credentials from a Pulumi secret (kept secret in state).
		if key, err := cfg.TrySecret("anthropicApiKey"); err == nil {
			providerArgs.ApiKey = key
		}
		claude, err := omnia.NewLlmProvider(ctx, "claude-production", providerArgs)
		if err != nil {
			return err
		}

		tools, err := omnia.NewToolRegistry(ctx, "service-tools", &omnia.ToolRegistryArgs{
			Metadata: metadata,
			Spec: &omnia.ToolRegistrySpecArgs{
				Handlers: omnia.ToolHandlerArray{
					&omnia.ToolHandlerArgs{
						Name:       pulumi.String("weather"),
						Type:       omnia.ToolHandlerTypeHttp,
						HttpConfig: &omnia.HttpConfigArgs{Endpoint: pulumi.String("http://weather.tools.svc.cluster.local:8080/weather"), Method: pulumi.String("POST")},
						Tool: &omnia.ToolDefinitionArgs{
							Name:        pulumi.String("get_weather"),
							Description: pulumi.String("Current weather for a city"),
							InputSchema: pulumi.Map{
								"type":       pulumi.String("object"),
								"properties": pulumi.Map{"city": pulumi.Map{"type": pulumi.String("string")}},
								"required":   pulumi.Array{pulumi.String("city")},
							},
						},
						Timeout: pulumi.String("30s"),
					},
				},
			},
		})
		if err != nil {
			return err
		}

		agent, err := omnia.NewAgentRuntime(ctx, "production-agent", &omnia.AgentRuntimeArgs{
			Metadata: metadata,
			Spec: &omnia.AgentRuntimeSpecArgs{
				PromptPackRef:   &omnia.PromptPackRefArgs{Name: pulumi.String("customer-service-prompts"), Version: pulumi.String("2.1.0")},
				ProviderRef:     &omnia.ProviderRefArgs{Name: pulumi.String("claude-production")},
				ToolRegistryRef: &omnia.ToolRegistryRefArgs{Name: pulumi.String("service-tools")},
				Facade:          &omnia.FacadeArgs{Type: omnia.FacadeTypeWebsocket, Port: pulumi.Int(8080), Handler: omnia.HandlerModeRuntime},
				Session: &omnia.SessionArgs{
					Type:     omnia.SessionTypeRedis,
					Ttl:      pulumi.String("24h"),
					StoreRef: &omnia.SessionStoreRefArgs{Name: pulumi.String("redis-credentials")},
				},
				Runtime: &omnia.RuntimeSettingsArgs{
					Replicas: pulumi.Int(3), // ignored when autoscaling is enabled
					Resources: &omnia.ResourceRequirementsArgs{
						Requests: pulumi.Map{"cpu": pulumi.String("500m"), "memory": pulumi.String("256Mi")},
						Limits:   pulumi.Map{"cpu": pulumi.String("1000m"), "memory": pulumi.String("512Mi")},
					},
					Autoscaling: &omnia.AutoscalingArgs{
						Enabled:     pulumi.Bool(true),
						Type:        omnia.AutoscalerTypeKeda,
						MinReplicas: pulumi.Int(1),
						MaxReplicas: pulumi.Int(20),
						Keda: &omnia.KedaSettingsArgs{
							PollingInterval: pulumi.Int(15),
							CooldownPeriod:  pulumi.Int(120),
							Triggers: omnia.KedaTriggerArray{
								&omnia.KedaTriggerArgs{
									Type: pulumi.String("prometheus"),
									Metadata: pulumi.StringMap{
										"serverAddress": pulumi.String("http://omnia-prometheus-server.omnia-system.svc.cluster.local/prometheus"),
										"query":         pulumi.String(fmt.Sprintf(`sum(omnia_agent_connections_active{agent="production-agent",namespace="%s"}) or vector(0)`, namespace)),
										"threshold":     pulumi.String("10"),
									},
								},
							},
						},
					},
				},
			},
		}, pulumi.DependsOn([]pulumi.Resource{prompts, claude, tools})) // references by name resolve to these
		if err != nil {
			return err
		}

		ctx.Export("status", agent.Status)
		ctx.Export("serviceEndpoint", agent.ServiceEndpoint)
		ctx.Export("activeVersion", agent.ActiveVersion)
		return nil
	})
}
