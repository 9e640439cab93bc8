// Builds the policy pack. Constructing a PolicyPack starts the gRPC server: tests import policies/, never this file.
import { PolicyPack } from "@pulumi/policy";
import * as path from "path";
import { policies } from "./policies";
import { setConfiguredStackName } from "./production";

// The stack name arrives in ConfigureStack, which @pulumi/policy reads only for its tags: record the
// name too (PULUMI_STACK is not set when the engine starts the pack through the language host).
const analyzerpb = require(require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [path.dirname(require.resolve("@pulumi/policy"))] }));
const configureRequest = analyzerpb.AnalyzerStackConfigureRequest.prototype;
const getTagsMap = configureRequest.getTagsMap;
configureRequest.getTagsMap = function (this: { getStack(): string }, ...args: unknown[]) {
    setConfiguredStackName(this.getStack());
    return getTagsMap.apply(this, args);
};

new PolicyPack("omnia-agents", {
    description: "Keeps unsafe Omnia agents out of production: AgentRuntime specs and the Kubernetes objects they make.",
    policies,
});
