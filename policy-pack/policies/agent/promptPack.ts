// The PromptPack reference: pinned to a version in production, never both version and track.
import type { ResourceRule } from "../../production";
import { isKnown, show } from "../values";
import { AGENT_DEFAULTS, isAgentRuntime, specField } from "./spec";

export const agentPromptPackPinned: ResourceRule = {
    id: "agent-prompt-pack-pinned",
    description: "The agent runs an exact PromptPack version (promptPackRef.version), not whatever a track points at.",
    severity: "medium",
    scope: "production",
    remediationSteps: 'Set spec.promptPackRef.version to the version to run (e.g. "2.1.0") and remove spec.promptPackRef.track.',
    validateResource: (args, report) => {
        if (!isAgentRuntime(args)) return;
        const version = specField<string>(args, ["promptPackRef", "version"]);
        if (!isKnown(version) || version) return;
        const track = specField<string>(args, ["promptPackRef", "track"]);
        if (!isKnown(track)) return;
        const value = track === undefined ? `unset (follows track ${show(AGENT_DEFAULTS.track)})` : `not set (follows track ${show(track)})`;
        report(`spec.promptPackRef.version: ${value}; pin an exact version`);
    },
};

export const agentPromptPackRefExclusive: ResourceRule = {
    id: "agent-prompt-pack-ref-exclusive",
    description: 'promptPackRef sets a version or a track, never both (track "stable" beside a version is what the API server fills in, and is fine).',
    severity: "medium",
    scope: "always",
    remediationSteps: "Remove spec.promptPackRef.track (keep the pinned version) or remove the version to follow the track.",
    validateResource: (args, report) => {
        if (!isAgentRuntime(args)) return;
        const version = specField<string>(args, ["promptPackRef", "version"]);
        const track = specField<string>(args, ["promptPackRef", "track"]);
        if (!isKnown(version) || !isKnown(track) || !version || !track || track === AGENT_DEFAULTS.track) return;
        report(`spec.promptPackRef.track: ${show(track)} is set together with version ${show(version)}; keep only one`);
    },
};
