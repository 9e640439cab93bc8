// The PromptPack spec. Omnia's form: one version per object, its content in an existing ConfigMap
// (source.configMapRef), a rollout strategy. Our extension: several published versions, inline
// content, and tracks that point at versions. Both normalize to `publishedVersions`.
import { z } from "zod";
import type * as generated from "./generated/types";
import * as semver from "semver";
import { describedEnum, dnsLabel, dnsSubdomain, goDuration, intRange, semverString } from "./common";
import { packContentIssues } from "./packContent";
import { DEFAULT_TRACK } from "./agentRuntime";

const configMapRef = z
    .strictObject({ name: dnsSubdomain.describe("Name of the ConfigMap.") })
    .meta({ title: "ConfigMapRef" })
    .describe("An existing ConfigMap in the pack's namespace holding the PromptKit pack under key pack.json.");

/** Reports every problem the runtime would hit with inline pack content, under `content`. */
function checkContent(content: Record<string, unknown>, version: string, ctx: z.core.$RefinementCtx<any>) {
    for (const issue of packContentIssues(content)) {
        ctx.addIssue({ code: "custom", path: ["content", ...(issue.path ? issue.path.split(".") : [])], message: issue.message });
    }
    const declared = content.version;
    if (declared !== undefined && declared !== version) {
        ctx.addIssue({ code: "custom", path: ["content", "version"], message: `must equal the version "${version}" it is published as (got ${JSON.stringify(declared)})` });
    }
}

export const promptPackVersion = z
    .strictObject({
        version: semverString.describe('Semantic version of this release, e.g. "2.1.0".'),
        content: z
            .record(z.string(), z.unknown())
            .optional()
            .describe(
                "The PromptKit pack (id, name, version, template_engine, prompts, ...), checked against PromptKit's pack schema; stored as key pack.json of an immutable ConfigMap.",
            ),
        configMapRef: configMapRef.optional(),
    })
    .meta({ title: "PromptPackVersion" })
    .superRefine((v, ctx) => {
        if ((v.content === undefined) === (v.configMapRef === undefined)) {
            ctx.addIssue({ code: "custom", path: ["content"], message: "exactly one of content and configMapRef must be given" });
        }
        if (v.content !== undefined) checkContent(v.content, v.version, ctx);
    });

const rolloutType = describedEnum("RolloutType", {
    immediate: "The version applies at once.",
    canary: "Canary rollout; the operator of this generation records it in status only, and so do we (no traffic split).",
});

export const promptPackSpec = z
    .strictObject({
        source: z
            .strictObject({
                type: describedEnum("PromptPackSourceType", { configmap: "The pack is a ConfigMap's key pack.json." }).describe("Where the pack comes from."),
                configMapRef: configMapRef,
            })
            .meta({ title: "PromptPackSource" })
            .optional()
            .describe("Omnia's form: the ConfigMap holding this pack's one version (with `version`)."),
        version: semverString.optional().describe("Omnia's form: the version the source holds."),
        rollout: z
            .strictObject({
                type: rolloutType.default("immediate").describe("immediate or canary."),
                canary: z
                    .strictObject({
                        weight: intRange(0, 100).default(10).describe("Initial traffic percentage."),
                        stepWeight: intRange(1, 100).default(10).describe("Percentage added per step."),
                        interval: goDuration.default("5m").describe("Time between steps."),
                    })
                    .meta({ title: "CanaryRollout" })
                    .optional()
                    .describe("Canary settings (recorded, not enacted, in this generation)."),
            })
            .meta({ title: "Rollout" })
            .optional()
            .describe("Omnia's form: rollout strategy; defaults to immediate."),
        versions: z
            .array(promptPackVersion)
            .min(1, { message: "must list at least one version" })
            .optional()
            .describe("Extension: several published versions, each its own immutable ConfigMap (instead of source and version)."),
        tracks: z
            .record(z.string(), semverString)
            .optional()
            .describe('Extension: track name -> version, e.g. { canary: "2.2.0-rc.1" }; "stable" defaults to the highest version without a prerelease part.'),
    })
    .superRefine((spec, ctx) => {
        if (spec.versions) {
            for (const field of ["source", "version", "rollout"] as const) {
                if (spec[field] !== undefined)
                    ctx.addIssue({ code: "custom", path: [field], message: "belongs to Omnia's one-version form: give either source and version, or versions" });
            }
        } else {
            if (!spec.source) ctx.addIssue({ code: "custom", path: ["source"], message: "is required (or versions, the multi-version extension)" });
            if (!spec.version) ctx.addIssue({ code: "custom", path: ["version"], message: "is required with source" });
            if (spec.tracks) ctx.addIssue({ code: "custom", path: ["tracks"], message: "belongs to the multi-version extension: give versions with it" });
        }
        const seen = new Set<string>();
        (spec.versions ?? []).forEach((v, i) => {
            if (seen.has(v.version)) ctx.addIssue({ code: "custom", path: ["versions", i, "version"], message: `duplicates version "${v.version}"` });
            seen.add(v.version);
        });
        for (const [track, version] of Object.entries(spec.versions ? (spec.tracks ?? {}) : {})) {
            if (!dnsLabel.safeParse(track).success) {
                ctx.addIssue({
                    code: "custom",
                    path: ["tracks", track],
                    message: `track name must be a DNS-1123 label (lowercase letters, digits and '-', at most 63 characters) (got "${track}")`,
                });
                continue;
            }
            if (!seen.has(version) && semver.valid(version)) {
                ctx.addIssue({
                    code: "custom",
                    path: ["tracks", track],
                    message: `points at version "${version}", which is not published (published: ${[...seen].join(", ") || "none"})`,
                });
            }
        }
    })
    .meta({ title: "PromptPackSpec" })
    .describe("Prompts for agents (the PromptPack CRD's spec): Omnia's one version from a ConfigMap, or several published versions.");

/** The spec as a user writes it (defaults optional), with every field documented: generated from this schema (./inputs.ts). */
export type PromptPackSpecInput = generated.PromptPackSpec;
export type PromptPackSpec = z.output<typeof promptPackSpec>;
export type PromptPackVersion = z.output<typeof promptPackVersion>;

/** The versions a pack publishes, whichever form it is written in. */
export function publishedVersions(spec: PromptPackSpec): PromptPackVersion[] {
    if (spec.versions) return spec.versions;
    return [{ version: spec.version!, configMapRef: spec.source!.configMapRef }];
}

/** Track -> version with `stable` filled in (the highest release without a prerelease part; Omnia's form: its version). */
export function resolvedTracks(spec: PromptPackSpec): Record<string, string> {
    if (!spec.versions) return { [DEFAULT_TRACK]: spec.version! };
    const tracks: Record<string, string> = { ...(spec.tracks ?? {}) };
    if (!tracks[DEFAULT_TRACK]) {
        const releases = spec.versions.map((v) => v.version).filter((v) => semver.prerelease(v) === null);
        if (releases.length > 0) tracks[DEFAULT_TRACK] = semver.rsort(releases)[0];
    }
    return tracks;
}
