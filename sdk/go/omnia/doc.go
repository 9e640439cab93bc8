// Deploys Omnia AI agents (AgentRuntime) and their prompt packs, LLM providers and tool registries on Kubernetes.
package omnia
