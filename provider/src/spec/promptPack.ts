// The PromptPack spec: published, immutable versions and the tracks that point at them.
import { z } from "zod";
import * as semver from "semver";
import { dnsLabel, dnsSubdomain, semverString } from "./common";

export const promptPackVersion = z
    .strictObject({
        version: semverString.describe('Semantic version of this release, e.g. "2.1.0".'),
        content: z
            .record(z.string(), z.unknown())
            .optional()
            .describe("The PromptPack JSON (id, name, version, template_engine, prompts, ...); stored as key pack.json of an immutable ConfigMap."),
        configMapRef: z
            .strictObject({ name: dnsSubdomain.describe("Name of the ConfigMap.") })
            .meta({ title: "ConfigMapRef" })
            .optional()
            .describe("An existing ConfigMap in the same namespace holding this version under key pack.json."),
    })
    .meta({ title: "PromptPackVersion" })
    .superRefine((v, ctx) => {
        if ((v.content === undefined) === (v.configMapRef === undefined)) {
            ctx.addIssue({ code: "custom", path: ["content"], message: "exactly one of content and configMapRef must be given" });
        }
        const declared = v.content?.version;
        if (declared !== undefined && declared !== v.version) {
            ctx.addIssue({ code: "custom", path: ["content", "version"], message: `must equal the version "${v.version}" it is published as (got ${JSON.stringify(declared)})` });
        }
    });

export const promptPackSpec = z
    .strictObject({
        versions: z.array(promptPackVersion).min(1, { message: "must list at least one version" }).describe("Published versions; each becomes its own immutable ConfigMap."),
        tracks: z
            .record(z.string(), semverString)
            .optional()
            .describe('Track name -> version, e.g. { canary: "2.2.0-rc.1" }; "stable" defaults to the highest version without a prerelease part.'),
    })
    .superRefine((spec, ctx) => {
        const seen = new Set<string>();
        spec.versions.forEach((v, i) => {
            if (seen.has(v.version)) ctx.addIssue({ code: "custom", path: ["versions", i, "version"], message: `duplicates version "${v.version}"` });
            seen.add(v.version);
        });
        for (const [track, version] of Object.entries(spec.tracks ?? {})) {
            if (!dnsLabel.safeParse(track).success) {
                ctx.addIssue({ code: "custom", path: ["tracks", track], message: `track name must be a DNS-1123 label (lowercase letters, digits and '-', at most 63 characters) (got "${track}")` });
                continue;
            }
            if (!seen.has(version) && semver.valid(version)) {
                ctx.addIssue({ code: "custom", path: ["tracks", track], message: `points at version "${version}", which is not published (published: ${[...seen].join(", ") || "none"})` });
            }
        }
    })
    .meta({ title: "PromptPackSpec" })
    .describe("A set of published prompt versions (the PromptPack CRD's spec).");

export type PromptPackSpecInput = z.input<typeof promptPackSpec>;
export type PromptPackSpec = z.output<typeof promptPackSpec>;

/** Track -> version with `stable` filled in (the highest release without a prerelease part), when it can be. */
export function resolvedTracks(spec: PromptPackSpec): Record<string, string> {
    const tracks: Record<string, string> = { ...(spec.tracks ?? {}) };
    if (!tracks.stable) {
        const releases = spec.versions.map((v) => v.version).filter((v) => semver.prerelease(v) === null);
        if (releases.length > 0) tracks.stable = semver.rsort(releases)[0];
    }
    return tracks;
}
