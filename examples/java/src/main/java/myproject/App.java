// The source document's production agent, with the PromptPack, LLM provider and ToolRegistry it references.
package myproject;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.altairalabs.omnia.AgentRuntime;
import com.altairalabs.omnia.AgentRuntimeArgs;
import com.altairalabs.omnia.LlmProvider;
import com.altairalabs.omnia.LlmProviderArgs;
import com.altairalabs.omnia.PromptPack;
import com.altairalabs.omnia.PromptPackArgs;
import com.altairalabs.omnia.ToolRegistry;
import com.altairalabs.omnia.ToolRegistryArgs;
import com.altairalabs.omnia.enums.AutoscalerType;
import com.altairalabs.omnia.enums.FacadeType;
import com.altairalabs.omnia.enums.HandlerMode;
import com.altairalabs.omnia.enums.ProviderType;
import com.altairalabs.omnia.enums.SessionType;
import com.altairalabs.omnia.enums.ToolHandlerType;
import com.altairalabs.omnia.inputs.AgentRuntimeSpecArgs;
import com.altairalabs.omnia.inputs.AutoscalingArgs;
import com.altairalabs.omnia.inputs.FacadeArgs;
import com.altairalabs.omnia.inputs.HttpConfigArgs;
import com.altairalabs.omnia.inputs.KedaSettingsArgs;
import com.altairalabs.omnia.inputs.KedaTriggerArgs;
import com.altairalabs.omnia.inputs.LlmProviderSpecArgs;
import com.altairalabs.omnia.inputs.ObjectMetaArgs;
import com.altairalabs.omnia.inputs.PromptPackRefArgs;
import com.altairalabs.omnia.inputs.PromptPackSpecArgs;
import com.altairalabs.omnia.inputs.PromptPackVersionArgs;
import com.altairalabs.omnia.inputs.ProviderDefaultsArgs;
import com.altairalabs.omnia.inputs.ProviderRefArgs;
import com.altairalabs.omnia.inputs.ResourceRequirementsArgs;
import com.altairalabs.omnia.inputs.RuntimeSettingsArgs;
import com.altairalabs.omnia.inputs.SecretKeyRefArgs;
import com.altairalabs.omnia.inputs.SessionArgs;
import com.altairalabs.omnia.inputs.SessionStoreRefArgs;
import com.altairalabs.omnia.inputs.ToolDefinitionArgs;
import com.altairalabs.omnia.inputs.ToolHandlerArgs;
import com.altairalabs.omnia.inputs.ToolRegistryRefArgs;
import com.altairalabs.omnia.inputs.ToolRegistrySpecArgs;
import com.altairalabs.omnia.outputs.AgentRuntimeStatus;
import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.core.Either;
import com.pulumi.resources.ComponentResourceOptions;

public class App {
    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    static void stack(Context ctx) {
        var config = ctx.config();
        var namespace = config.get("namespace").orElse("agents");
        var metadata = ObjectMetaArgs.builder().namespace(namespace).build();

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
                        // The runtime opens the prompt "default", or the pack's only prompt (here "support").
                        "prompts", Map.of("support", Map.of(
                            "id", "support",
                            "name", "Customer support",
                            "version", "2.1.0",
                            "system_template", "You are a helpful customer service agent."))))
                    .build())
                .build())
            .build());

        var claude = new LlmProvider("claude-production", LlmProviderArgs.builder()
            .metadata(metadata)
            .spec(LlmProviderSpecArgs.builder()
                .type(ProviderType.Claude)
                .model("claude-sonnet-4-20250514")
                .secretRef(SecretKeyRefArgs.builder().name("llm-credentials").build())
                .defaults(ProviderDefaultsArgs.builder().temperature("0.7").maxTokens(4096).build())
                .build())
            // Optional: creates the Secret llm-credentials from a Pulumi secret (kept secret in state);
            // without the config key the output is null and no Secret is made.
            .apiKey(config.getSecret("anthropicApiKey").applyValue(key -> key.orElse(null)))
            .build());

        var tools = new ToolRegistry("service-tools", ToolRegistryArgs.builder()
            .metadata(metadata)
            .spec(ToolRegistrySpecArgs.builder()
                .handlers(ToolHandlerArgs.builder()
                    .name("weather")
                    .type(ToolHandlerType.Http)
                    .httpConfig(HttpConfigArgs.builder()
                        .endpoint("http://weather.tools.svc.cluster.local:8080/weather")
                        .method("POST")
                        .build())
                    .tool(ToolDefinitionArgs.builder()
                        .name("get_weather")
                        .description("Current weather for a city")
                        .inputSchema(Map.of(
                            "type", "object",
                            "properties", Map.of("city", Map.of("type", "string")),
                            "required", List.of("city")))
                        .build())
                    .timeout("30s")
                    .build())
                .build())
            .build());

        var agent = new AgentRuntime("production-agent", AgentRuntimeArgs.builder()
            .metadata(metadata)
            .spec(AgentRuntimeSpecArgs.builder()
                .promptPackRef(PromptPackRefArgs.builder().name("customer-service-prompts").version("2.1.0").build())
                .providerRef(ProviderRefArgs.builder().name("claude-production").build())
                .toolRegistryRef(ToolRegistryRefArgs.builder().name("service-tools").build())
                .facade(FacadeArgs.builder().type(FacadeType.Websocket).port(8080).handler(HandlerMode.Runtime).build())
                .session(SessionArgs.builder()
                    .type(SessionType.Redis)
                    .ttl("24h")
                    .storeRef(SessionStoreRefArgs.builder().name("redis-credentials").build())
                    .build())
                .runtime(RuntimeSettingsArgs.builder()
                    .replicas(3) // ignored when autoscaling is enabled
                    .resources(ResourceRequirementsArgs.builder()
                        // Quantities are strings or numbers (Kubernetes' int-or-string): Either in Java.
                        .requests(Map.of("cpu", Either.ofLeft("500m"), "memory", Either.ofLeft("256Mi")))
                        .limits(Map.of("cpu", Either.ofLeft("1000m"), "memory", Either.ofLeft("512Mi")))
                        .build())
                    .autoscaling(AutoscalingArgs.builder()
                        .enabled(true)
                        .type(AutoscalerType.Keda)
                        .minReplicas(1)
                        .maxReplicas(20)
                        .keda(KedaSettingsArgs.builder()
                            .pollingInterval(15)
                            .cooldownPeriod(120)
                            .triggers(KedaTriggerArgs.builder()
                                .type("prometheus")
                                .metadata(Map.of(
                                    "serverAddress", "http://omnia-prometheus-server.omnia-system.svc.cluster.local/prometheus",
                                    "query", String.format(
                                        "sum(omnia_agent_connections_active{agent=\"production-agent\",namespace=\"%s\"}) or vector(0)", namespace),
                                    "threshold", "10"))
                                .build())
                            .build())
                        .build())
                    .build())
                .build())
            .build(),
            // References by name resolve to these.
            ComponentResourceOptions.builder().dependsOn(prompts, claude, tools).build());

        ctx.export("status", agent.status().applyValue(App::exportable));
        ctx.export("serviceEndpoint", agent.serviceEndpoint());
        ctx.export("activeVersion", agent.activeVersion());
    }

    /**
     * The status as maps and lists with the schema's names: Pulumi's Java SDK cannot serialize a generated output
     * class in a stack export ("Type 'AgentRuntimeStatus' is not a supported argument type").
     */
    static Map<String, Object> exportable(AgentRuntimeStatus status) {
        var replicas = status.replicas();
        return Map.of(
            "phase", status.phase().getValue(),
            "replicas", Map.of("desired", replicas.desired(), "ready", replicas.ready(), "available", replicas.available()),
            "conditions", status.conditions().stream()
                .map(c -> Map.of("type", c.type(), "status", c.status().getValue(), "reason", c.reason(), "message", c.message()))
                .collect(Collectors.toList()));
    }
}
