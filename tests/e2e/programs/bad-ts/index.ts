// config case=invalid: facade.port 9000 (reserved), session.ttl "1d" (not a Go duration), hpa with minReplicas 0.
// config case=missing-pack: a valid spec whose promptPackRef names a PromptPack that exists nowhere
// (or, with config pack, the PromptPack of that name, e.g. one whose descriptor does not parse).
import * as pulumi from "@pulumi/pulumi";
import { AgentRuntime } from "../../../../provider/bin";

const config = new pulumi.Config();
const metadata = { namespace: config.require("namespace") };

if (config.get("case") === "missing-pack") {
    new AgentRuntime("bad-agent", {
        metadata,
        spec: { promptPackRef: { name: config.get("pack") ?? "no-such-prompts", version: "1.0.0" }, facade: { handler: "echo" } },
    });
} else {
    new AgentRuntime("bad-agent", {
        metadata,
        spec: {
            promptPackRef: { name: "no-such-prompts", version: "1.0.0" },
            facade: { port: 9000, handler: "echo" },
            session: { type: "memory", ttl: "1d" },
            runtime: { autoscaling: { enabled: true, type: "hpa", minReplicas: 0, maxReplicas: 3 } },
        },
    });
}
