// case=bad: three spec mistakes (facade.port 9000 is reserved, session.ttl "1d" is not a Go duration,
// an HPA with minReplicas 0). case=demo: a demo-style agent (memory session, inline provider, echo
// handler, floating track) with its PromptPack declared here so the reference resolves.
package agent;

import java.util.Map;

import com.altairalabs.omnia.AgentRuntime;
import com.altairalabs.omnia.AgentRuntimeArgs;
import com.altairalabs.omnia.PromptPack;
import com.altairalabs.omnia.PromptPackArgs;
import com.altairalabs.omnia.enums.AutoscalerType;
import com.altairalabs.omnia.enums.HandlerMode;
import com.altairalabs.omnia.enums.ProviderType;
import com.altairalabs.omnia.enums.SessionType;
import com.altairalabs.omnia.inputs.AgentRuntimeSpecArgs;
import com.altairalabs.omnia.inputs.AutoscalingArgs;
import com.altairalabs.omnia.inputs.FacadeArgs;
import com.altairalabs.omnia.inputs.InlineProviderArgs;
import com.altairalabs.omnia.inputs.ObjectMetaArgs;
import com.altairalabs.omnia.inputs.PromptPackRefArgs;
import com.altairalabs.omnia.inputs.PromptPackSpecArgs;
import com.altairalabs.omnia.inputs.PromptPackVersionArgs;
import com.altairalabs.omnia.inputs.RuntimeSettingsArgs;
import com.altairalabs.omnia.inputs.SecretKeyRefArgs;
import com.altairalabs.omnia.inputs.SessionArgs;
import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.resources.ComponentResourceOptions;

public class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    static void stack(Context ctx) {
        var config = ctx.config();
        var metadata = ObjectMetaArgs.builder().namespace(config.require("namespace")).build();
        switch (config.require("case")) {
            case "bad":
                new AgentRuntime("bad-agent", AgentRuntimeArgs.builder()
                    .metadata(metadata)
                    .spec(AgentRuntimeSpecArgs.builder()
                        .promptPackRef(PromptPackRefArgs.builder().name("no-such-prompts").version("1.0.0").build())
                        .facade(FacadeArgs.builder().port(9000).handler(HandlerMode.Echo).build())
                        .session(SessionArgs.builder().type(SessionType.Memory).ttl("1d").build())
                        .runtime(RuntimeSettingsArgs.builder()
                            .autoscaling(AutoscalingArgs.builder()
                                .enabled(true).type(AutoscalerType.Hpa).minReplicas(0).maxReplicas(3).build())
                            .build())
                        .build())
                    .build());
                break;
            case "demo":
                var prompts = new PromptPack("customer-service-prompts", PromptPackArgs.builder()
                    .metadata(metadata)
                    .spec(PromptPackSpecArgs.builder()
                        .versions(PromptPackVersionArgs.builder()
                            .version("2.1.0")
                            .content(Map.of(
                                "id", "customer-service",
                                "name", "Customer service",
                                "version", "2.1.0",
                                "template_engine", Map.of("version", "v1", "syntax", "{{variable}}"),
                                "prompts", Map.of("support", Map.of(
                                    "id", "support",
                                    "name", "Customer support",
                                    "version", "2.1.0",
                                    "system_template", "You are a helpful customer service agent."))))
                            .build())
                        .build())
                    .build());
                new AgentRuntime("demo-agent", AgentRuntimeArgs.builder()
                    .metadata(metadata)
                    .spec(AgentRuntimeSpecArgs.builder()
                        .promptPackRef(PromptPackRefArgs.builder().name("customer-service-prompts").track("stable").build())
                        .provider(InlineProviderArgs.builder()
                            .type(ProviderType.Claude)
                            .model("claude-sonnet-4-20250514")
                            .secretRef(SecretKeyRefArgs.builder().name("llm-credentials").build())
                            .build())
                        .facade(FacadeArgs.builder().handler(HandlerMode.Echo).build())
                        .session(SessionArgs.builder().type(SessionType.Memory).ttl("1h").build())
                        .build())
                    .build(),
                    ComponentResourceOptions.builder().dependsOn(prompts).build());
                break;
            default:
                throw new IllegalArgumentException("config case: bad or demo");
        }
    }
}
