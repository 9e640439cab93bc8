"""The component from Python: one PromptPack, Provider and ToolRegistry, then N AgentRuntimes
referencing them by name, each constructed by the provider plugin. The documents are the
benchmark's fleet (bench/fleet.ts); their camelCase keys are the wire names, which the SDK passes through."""
import json
import os

import pulumi
import altairalabs_pulumi_omnia as omnia

components = {
    "AgentRuntime": omnia.AgentRuntime,
    "PromptPack": omnia.PromptPack,
    "Provider": omnia.LlmProvider,
    "ToolRegistry": omnia.ToolRegistry,
}

with open(os.environ["OMNIA_BENCH_FLEET"]) as f:
    documents = json.load(f)

companions = []
for document in documents:
    name = document["metadata"]["name"]
    if document["kind"] == "AgentRuntime":
        # Companions are declared first and depended on, so the plugin resolves the names to them.
        omnia.AgentRuntime(name, metadata=document["metadata"], spec=document["spec"], opts=pulumi.ResourceOptions(depends_on=companions))
    else:
        companions.append(components[document["kind"]](name, metadata=document["metadata"], spec=document["spec"]))
