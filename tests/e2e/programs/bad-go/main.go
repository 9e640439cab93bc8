// facade.port 9000 (reserved), session.ttl "1d" (not a Go duration), hpa with minReplicas 0.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/altairalabs/pulumi-omnia/sdk/go/omnia"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		_, err := omnia.NewAgentRuntime(ctx, "bad-agent", &omnia.AgentRuntimeArgs{
			Metadata: &omnia.ObjectMetaArgs{Namespace: pulumi.String(cfg.Require("namespace"))},
			Spec: &omnia.AgentRuntimeSpecArgs{
				PromptPackRef: &omnia.PromptPackRefArgs{Name: pulumi.String("no-such-prompts"), Version: pulumi.String("1.0.0")},
				Facade:        &omnia.FacadeArgs{Port: pulumi.Int(9000), Handler: omnia.HandlerModeEcho},
				Session:       &omnia.SessionArgs{Type: omnia.SessionTypeMemory, Ttl: pulumi.String("1d")},
				Runtime: &omnia.RuntimeSettingsArgs{
					Autoscaling: &omnia.AutoscalingArgs{
						Enabled:     pulumi.Bool(true),
						Type:        omnia.AutoscalerTypeHpa,
						MinReplicas: pulumi.Int(0),
						MaxReplicas: pulumi.Int(3),
					},
				},
			},
		})
		return err
	})
}
