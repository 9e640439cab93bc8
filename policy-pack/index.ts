// Builds the policy pack. Constructing a PolicyPack starts the gRPC server: tests import policies/, never this file.
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("omnia-agents", {
    description: "Keeps unsafe Omnia agents out of production: AgentRuntime specs and the Kubernetes objects they make.",
    policies,
});
