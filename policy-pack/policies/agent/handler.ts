// The facade handler: demo and echo are for trying Omnia out, not for serving users.
import type { ResourceRule } from "../../production";
import { isKnown, show } from "../values";
import { isAgentRuntime, specField } from "./spec";

export const agentHandlerRuntime: ResourceRule = {
    id: "agent-handler-runtime",
    description: 'The facade runs the "runtime" handler (LLM-backed), not the demo or echo test handlers.',
    severity: "high",
    scope: "production",
    remediationSteps: 'Set spec.facade.handler to "runtime" (or remove it: runtime is the default) and give the agent a provider.',
    validateResource: (args, report) => {
        if (!isAgentRuntime(args)) return;
        const handler = specField<string>(args, ["facade", "handler"]);
        if (!isKnown(handler) || handler === undefined || handler === "runtime") return;
        report(`spec.facade.handler: ${show(handler)} is a test handler; use "runtime"`);
    },
};
