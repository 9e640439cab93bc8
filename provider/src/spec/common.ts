// Shared field types of the Omnia specs: Kubernetes names, Go durations, quantities, semver.
import { z } from "zod";
import * as semver from "semver";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A DNS-1123 label: the rule for namespaces and the names of objects that become DNS names (Services). */
export const dnsLabel = z
    .string()
    .refine((s) => s.length <= 63 && DNS_LABEL.test(s), {
        message: "must be a DNS-1123 label (lowercase letters, digits and '-', at most 63 characters)",
    });

/** A DNS-1123 subdomain: the rule for the names of ConfigMaps, Secrets and custom resources. */
export const dnsSubdomain = z
    .string()
    .refine((s) => s.length <= 253 && DNS_SUBDOMAIN.test(s), {
        message: "must be a DNS-1123 name (lowercase letters, digits, '-' and '.', at most 253 characters)",
    });

/** An integer in [min, max], with one message naming the range (zod stops at the first failed check). */
export function intRange(min: number, max?: number) {
    const error = `must be ${max === undefined ? `an integer >= ${min}` : `an integer between ${min} and ${max}`}`;
    const atLeast = z.number({ error }).int({ error }).min(min, { error });
    return max === undefined ? atLeast : atLeast.max(max, { error });
}

const GO_DURATION = /^([0-9]*\.?[0-9]+(ns|us|µs|ms|s|m|h))+$/;
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, ms: 1, s: 1e3, m: 6e4, h: 3.6e6 };

/** Parses a Go duration (`30m`, `24h`, `1h30m`, `1.5h`) into milliseconds; undefined when it is not one. */
export function parseGoDuration(text: string): number | undefined {
    if (!GO_DURATION.test(text)) return undefined;
    let total = 0;
    for (const [, value, unit] of text.matchAll(/([0-9]*\.?[0-9]+)(ns|us|µs|ms|s|m|h)/g)) {
        total += parseFloat(value) * UNIT_MS[unit];
    }
    return total;
}

/** A positive Go duration such as `30m`, `24h` or `1h30m`. */
export const goDuration = z.string().refine((s) => (parseGoDuration(s) ?? 0) > 0, {
    message: 'must be a positive Go duration such as "30m", "24h" or "1h30m"',
});

const QUANTITY = /^\+?([0-9]+(\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

/** A Kubernetes resource quantity (`500m`, `256Mi`, `1`); numbers are accepted as Kubernetes does. */
export const quantity = z.union([z.string(), z.number()]).refine((q) => QUANTITY.test(String(q)), {
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

/** Whether a URL carries credentials (`https://user:pass@host`), which would land in plain objects. */
export const hasUserInfo = (url: string) => /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(url);
const noCredentials = "must not carry credentials (user:password@): they would be stored in plain text; keep them in a Secret";

/** An http(s) URL without embedded credentials. */
export const httpUrl = z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .refine((u) => !hasUserInfo(u), { message: noCredentials });

const isPinnedImage = (image: string) => {
    if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
    const tag = /:([\w][\w.-]{0,127})$/.exec(image)?.[1];
    return tag !== undefined && tag !== "latest";
};
/** A container image reference pinned to a tag other than `latest`, or to a digest. */
export const pinnedImage = z.string().refine(isPinnedImage, { message: 'must be pinned to a tag other than "latest" or a digest' });

/** Kubernetes object metadata accepted by every component: the name defaults to the Pulumi resource name. */
export const objectMetadata = z
    .strictObject({
        name: dnsLabel.optional().describe("Name of the Kubernetes objects; defaults to the Pulumi resource name."),
        namespace: dnsLabel.default("default").describe('Namespace of the Kubernetes objects (default "default").'),
        labels: z.record(z.string(), z.string()).optional().describe("Labels added to every object created."),
        annotations: z.record(z.string(), z.string()).optional().describe("Annotations added to every object created."),
    })
    .meta({ title: "ObjectMeta" })
    .prefault({});
export type ObjectMetadataInput = z.input<typeof objectMetadata>;

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
