// Shared field types of the Omnia specs: Kubernetes names, Go durations, quantities, semver.
import { z } from "zod";
import type * as generated from "./generated/types";
import * as semver from "semver";
import { VALUE_NOT_SHOWN } from "./errors";
import { annotationMap, INT32_MAX, isDns1035Label, isDns1123Label, isDns1123Subdomain, isQuantity, labelMap, parseImageReference } from "./kubernetes";

/** A DNS-1123 label: the rule for namespaces and the names of objects that become DNS names. */
export const dnsLabel = z.string().refine(isDns1123Label, {
    message: "must be a DNS-1123 label (lowercase letters, digits and '-', at most 63 characters)",
});

/** A DNS-1035 label: a Service's name (it must start with a letter). */
export const dns1035Label = z.string().refine(isDns1035Label, {
    message: "must be a DNS-1035 label (lowercase letters, digits and '-', starting with a letter, at most 63 characters)",
});

/** A DNS-1123 subdomain: the rule for the names of ConfigMaps, Secrets and custom resources. */
export const dnsSubdomain = z.string().refine(isDns1123Subdomain, {
    message: "must be a DNS-1123 name (lowercase letters, digits, '-' and '.', at most 253 characters)",
});

/** An integer in [min, max], with one message naming the range (zod stops at the first failed check). */
export function intRange(min: number, max = INT32_MAX) {
    const error = max === INT32_MAX ? `must be an integer >= ${min}` : `must be an integer between ${min} and ${max}`;
    return z
        .number({ error })
        .int({ error })
        .min(min, { error })
        .max(max, { error: max === INT32_MAX ? `must be at most ${INT32_MAX} (an int32)` : error });
}

// Go's time.ParseDuration, which the agent programs and KEDA use: a signed sequence of decimal
// numbers with units, in int64 nanoseconds (about 292 years at most: larger values fail to parse).
const NS_PER_UNIT: Record<string, bigint> = { ns: 1n, us: 1000n, µs: 1000n, μs: 1000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n };
const GO_DURATION_TERM = /([0-9]*)(?:\.([0-9]*))?([^0-9.]*)/y;
const INT64_MAX = 2n ** 63n - 1n;

/** Nanoseconds of a Go duration (`30m`, `1h30m`, `1.5h`, `-2s`); undefined where Go fails to parse it, "overflow" past int64. */
export function parseGoDurationNanos(text: string): bigint | undefined | "overflow" {
    let rest = text;
    const negative = rest.startsWith("-");
    if (rest.startsWith("-") || rest.startsWith("+")) rest = rest.slice(1);
    if (rest === "0") return 0n;
    if (rest === "") return undefined;
    let total = 0n;
    GO_DURATION_TERM.lastIndex = 0;
    while (GO_DURATION_TERM.lastIndex < rest.length) {
        const m = GO_DURATION_TERM.exec(rest);
        if (!m || (m[1] === "" && !m[2]) || !(m[3] in NS_PER_UNIT)) return undefined;
        const unit = NS_PER_UNIT[m[3]];
        const fraction = m[2] ? (BigInt(m[2]) * unit) / 10n ** BigInt(m[2].length) : 0n;
        total += BigInt(m[1] || "0") * unit + fraction;
    }
    if (total > INT64_MAX + (negative ? 1n : 0n)) return "overflow";
    return negative ? -total : total;
}

/** Milliseconds of a Go duration, or undefined where Go would fail to parse it. */
export function parseGoDuration(text: string): number | undefined {
    const nanos = parseGoDurationNanos(text);
    return typeof nanos === "bigint" ? Number(nanos) / 1e6 : undefined;
}

/** A positive Go duration such as `30m`, `24h` or `1h30m`, as Go parses it: in range, and not rounded down to 0. */
export const goDuration = z.string().superRefine((s, ctx) => {
    const nanos = parseGoDurationNanos(s);
    if (nanos === "overflow") ctx.addIssue({ code: "custom", message: "is longer than Go's longest duration (2562047h47m16.854775807s): the programs would fail to parse it" });
    else if (nanos === undefined || nanos <= 0n) ctx.addIssue({ code: "custom", message: 'must be a positive Go duration such as "30m", "24h" or "1h30m"' });
});

/** A Kubernetes resource quantity (`500m`, `256Mi`, `1`); numbers are accepted as Kubernetes does. */
export const quantity = z.union([z.string(), z.number()]).refine((q) => isQuantity(String(q)), {
    message: 'must be a non-negative Kubernetes quantity such as "500m", "1" or "256Mi"',
});

// The PromptPack CRD's version pattern: semver with an optional leading "v" and build metadata.
const VERSION = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[a-zA-Z0-9]+(\.[a-zA-Z0-9]+)*)?(\+[a-zA-Z0-9]+(\.[a-zA-Z0-9]+)*)?$/;

/** A semantic version (`2.1.0`, `v1.0.0`, `2.2.0-rc.1`, `1.0.0+build.5`), as the PromptPack CRD accepts it. */
export const semverString = z.string().refine((v) => VERSION.test(v) && semver.valid(v) !== null, {
    message: 'must be a semantic version such as "2.1.0"',
});

/** A decimal number written as a string (the CRD keeps sampling parameters as strings), within [min, max]. */
export function decimalString(min: number, max = Infinity) {
    const range = max === Infinity ? `>= ${min}` : `between ${min} and ${max}`;
    return z.string().refine((s) => /^[0-9]*\.?[0-9]+$/.test(s) && Number(s) >= min && Number(s) <= max, {
        message: `must be a decimal string ${range} such as "0.7"`,
    });
}

/** Whether an address carries credentials (`https://user:pass@host`, `user@host:port`), which would land in plain objects. */
export const hasUserInfo = (url: string) => /^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i.test(url);
/** The message for credentials in an address, saying where they belong instead. */
export const noCredentials = (where: string, instead: string) => `must not carry credentials (user:password@): ${where} is stored in plain text; ${instead} ${VALUE_NOT_SHOWN}`;

/** An http(s) URL without embedded credentials; `instead` says where credentials belong. */
export const httpUrl = (where: string, instead: string) =>
    z.string().superRefine((u, ctx) => {
        const message =
            !z.url({ protocol: /^https?$/ }).safeParse(u).success || /[\s\x00-\x1f\x7f]/.test(u)
                ? "must be an http(s) URL"
                : hasUserInfo(u)
                  ? noCredentials(where, instead)
                  : undefined;
        if (message) ctx.addIssue({ code: "custom", message });
    });

/** A container image reference (as the kubelet parses it) pinned to a tag other than `latest`, or to a digest. */
export const pinnedImage = z.string().superRefine((image, ctx) => {
    const ref = parseImageReference(image);
    if (!ref) {
        ctx.addIssue({ code: "custom", message: "must be an image reference such as registry.example.com/team/agent:1.2.0 (lowercase repository path, no spaces)" });
    } else if (!ref.digest && (ref.tag === undefined || ref.tag === "latest")) {
        ctx.addIssue({ code: "custom", message: 'must be pinned to a tag other than "latest" or a digest' });
    }
});

/** Kubernetes object metadata accepted by every component: the name defaults to the Pulumi resource name. */
export const objectMetadata = z
    .strictObject({
        name: dnsLabel.optional().describe("Name of the Kubernetes objects; defaults to the Pulumi resource name."),
        namespace: dnsLabel.default("default").describe('Namespace of the Kubernetes objects (default "default").'),
        labels: labelMap.optional().describe("Labels added to every object created (Kubernetes label keys and values)."),
        annotations: annotationMap.optional().describe("Annotations added to every object created."),
    })
    .meta({ title: "ObjectMeta" })
    .prefault({});
/** Metadata as a user writes it, documented: generated from this schema (./inputs.ts). */
export type ObjectMetadataInput = generated.ObjectMeta;

/** A reference to a Secret key; the key default depends on context. */
export const secretKeyRef = z
    .strictObject({
        name: dnsSubdomain.describe("Name of the Secret."),
        key: z.string().min(1).optional().describe("Key in the Secret."),
    })
    .meta({ title: "SecretKeyRef" });

/**
 * An enum whose values each carry a description; `title` names the type in the generated
 * Pulumi schema and SDKs, and the descriptions document each value there.
 */
export function describedEnum<const V extends string>(title: string, values: Record<V, string>) {
    return z.enum(Object.keys(values) as [V, ...V[]]).meta({ title, values });
}
