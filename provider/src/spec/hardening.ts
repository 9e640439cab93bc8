// Component arguments beyond the CRD (issue 17): the agent's NetworkPolicy and its ephemeral-storage
// budget. The CRD has no place for them; every language's SDK gets them from these schemas.
import { BlockList, isIPv4, isIPv6 } from "net";
import { z } from "zod";
import type * as generated from "./generated/types";
import { describedEnum, intRange, quantity } from "./common";
import { isQuantity, labelMap, qualifiedNameProblem, quantityValue } from "./kubernetes";

const labelSelectorRequirement = z
    .strictObject({
        key: z
            .string()
            .refine((k) => qualifiedNameProblem(k) === undefined, { message: "must be a qualified name such as app.kubernetes.io/name" })
            .describe("Label key."),
        operator: describedEnum("LabelSelectorOperator", {
            In: "The label's value is one of values.",
            NotIn: "The label's value is none of values.",
            Exists: "The label is set.",
            DoesNotExist: "The label is not set.",
        }).describe("In, NotIn, Exists or DoesNotExist."),
        values: z.array(z.string()).optional().describe("Values for In and NotIn; empty for Exists and DoesNotExist."),
    })
    .superRefine((r, ctx) => {
        const needsValues = r.operator === "In" || r.operator === "NotIn";
        if (needsValues && !r.values?.length) ctx.addIssue({ code: "custom", path: ["values"], message: `must not be empty for operator "${r.operator}"` });
        if (!needsValues && r.values?.length) ctx.addIssue({ code: "custom", path: ["values"], message: `must be empty for operator "${r.operator}"` });
    })
    .meta({ title: "LabelSelectorRequirement" });

export const labelSelector = z
    .strictObject({
        matchLabels: labelMap.optional().describe("Labels that must all match."),
        matchExpressions: z.array(labelSelectorRequirement).optional().describe("Requirements that must all match."),
    })
    .meta({ title: "LabelSelector" })
    .describe("A Kubernetes label selector; empty selects everything.");

/** `[address, prefix length, family]` of a CIDR, or undefined when it is not one. */
function parseCidr(text: string): [string, number, "ipv4" | "ipv6"] | undefined {
    const m = /^([^/]+)\/(\d{1,3})$/.exec(text);
    if (!m) return undefined;
    const family = isIPv4(m[1]) ? "ipv4" : isIPv6(m[1]) ? "ipv6" : undefined;
    const prefix = Number(m[2]);
    if (!family || prefix > (family === "ipv4" ? 32 : 128)) return undefined;
    return [m[1], prefix, family];
}
const cidr = z.string().refine((c) => parseCidr(c) !== undefined, { message: 'must be a CIDR such as "10.0.0.0/8" or "2001:db8::/32"' });

const ipBlock = z
    .strictObject({
        cidr: cidr.describe('Addresses, e.g. "0.0.0.0/0".'),
        except: z.array(cidr).optional().describe("Addresses inside cidr to leave out."),
    })
    .superRefine((b, ctx) => {
        const outer = parseCidr(b.cidr);
        if (!outer) return;
        const block = new BlockList();
        block.addSubnet(outer[0], outer[1], outer[2]);
        b.except?.forEach((e, i) => {
            const inner = parseCidr(e);
            if (inner && (inner[2] !== outer[2] || inner[1] <= outer[1] || !block.check(inner[0], inner[2]))) {
                ctx.addIssue({ code: "custom", path: ["except", i], message: `must be a strict subset of cidr ${b.cidr} (got ${JSON.stringify(e)})` });
            }
        });
    })
    .meta({ title: "IPBlock" });

export const networkPolicyPeer = z
    .strictObject({
        podSelector: labelSelector.optional().describe("Pods (in the agent's namespace, or in the namespaces of namespaceSelector)."),
        namespaceSelector: labelSelector.optional().describe('Namespaces, e.g. { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } }.'),
        ipBlock: ipBlock.optional().describe("Addresses; not with the selectors."),
    })
    .superRefine((p, ctx) => {
        const selectors = p.podSelector !== undefined || p.namespaceSelector !== undefined;
        if (p.ipBlock && selectors)
            ctx.addIssue({ code: "custom", path: ["ipBlock"], message: "must be the only field of the peer (Kubernetes refuses ipBlock with podSelector or namespaceSelector)" });
        if (!p.ipBlock && !selectors) ctx.addIssue({ code: "custom", path: [], message: "must set podSelector, namespaceSelector or ipBlock" });
    })
    .meta({ title: "NetworkPolicyPeer" })
    .describe("Pods, namespaces or addresses, as in a Kubernetes NetworkPolicy.");

const networkPolicyPort = z
    .strictObject({
        protocol: describedEnum("NetworkProtocol", { TCP: "TCP.", UDP: "UDP.", SCTP: "SCTP." }).default("TCP").describe("TCP (default), UDP or SCTP."),
        port: z
            .union([
                intRange(1, 65535),
                z.string().regex(/^(?=.*[a-z])(?!.*--)[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/, {
                    message: "must be a port number or an IANA service name (at most 15 lowercase letters, digits and single '-', with a letter)",
                }),
            ])
            .optional()
            .describe("Port number or named port; every port when absent."),
        endPort: intRange(1, 65535).optional().describe("Last port of a range starting at port."),
    })
    .superRefine((p, ctx) => {
        if (p.endPort === undefined) return;
        if (typeof p.port !== "number") ctx.addIssue({ code: "custom", path: ["endPort"], message: "needs a numeric port" });
        else if (p.endPort < p.port) ctx.addIssue({ code: "custom", path: ["endPort"], message: `must be >= port ${p.port} (got ${p.endPort})` });
    })
    .meta({ title: "NetworkPolicyPort" });

export const networkPolicyEgressRule = z
    .strictObject({
        to: z.array(networkPolicyPeer).optional().describe("Destinations; every destination when absent."),
        ports: z.array(networkPolicyPort).optional().describe("Ports; every port when absent."),
    })
    .meta({ title: "NetworkPolicyEgressRule" })
    .describe("Egress allowed in addition to the agent's own needs.");

export const networkPolicyOptions = z
    .strictObject({
        enabled: z.boolean().default(true).describe("Create the agent's NetworkPolicy (default true). Enforced only by a CNI that implements NetworkPolicy."),
        ingressFrom: z
            .array(networkPolicyPeer)
            .min(1, { message: "must list at least one peer: Kubernetes reads an empty list as every source (leave ingressFrom out for that)" })
            .optional()
            .describe("Who may reach the facade port, e.g. the ingress controller's namespace; anyone when absent. No other port of the pod accepts traffic from other pods."),
        extraEgress: z.array(networkPolicyEgressRule).optional().describe("Egress rules added to the agent's own (DNS, session store, tools, HTTPS to the LLM provider)."),
        allowAllEgress: z.boolean().default(false).describe("Escape hatch: allow every egress destination (ingress stays restricted)."),
    })
    .meta({ title: "NetworkPolicyOptions" })
    .prefault({})
    .describe("The agent's NetworkPolicy: ingress only to the facade port, egress only where the agent's programs go.");

/** The runtime's ephemeral storage when spec.runtime.resources names none: logs, /tmp (media, tool output). */
export const RUNTIME_EPHEMERAL_STORAGE = { request: "128Mi", limit: "1Gi" };

const storage = (fallback: string, what: string) => quantity.default(fallback).describe(`${what} (default ${fallback}).`);
export const ephemeralStorageOptions = z
    .strictObject({
        facadeRequest: storage("64Mi", "Ephemeral storage the facade requests: its logs and /tmp"),
        facadeLimit: storage("256Mi", "Ephemeral storage limit of the facade; past it the pod is evicted"),
        facadeTmpSizeLimit: storage("64Mi", "Size limit of the facade's /tmp emptyDir"),
        runtimeTmpSizeLimit: storage("512Mi", "Size limit of the runtime's /tmp emptyDir"),
    })
    .superRefine((s, ctx) => {
        if ([s.facadeRequest, s.facadeLimit].every((q) => isQuantity(String(q))) && quantityValue(String(s.facadeRequest)) > quantityValue(String(s.facadeLimit))) {
            ctx.addIssue({ code: "custom", path: ["facadeRequest"], message: `must be less than or equal to facadeLimit ${s.facadeLimit} (got ${s.facadeRequest})` });
        }
    })
    .meta({ title: "EphemeralStorageOptions" })
    .prefault({})
    .describe(
        `Bounded ephemeral storage. The runtime container's request and limit come from spec.runtime.resources ("ephemeral-storage"), else ${RUNTIME_EPHEMERAL_STORAGE.request} and ${RUNTIME_EPHEMERAL_STORAGE.limit}.`,
    );

export type NetworkPolicyOptions = z.output<typeof networkPolicyOptions>;
/** The component argument as a user writes it, documented: generated from this schema (./inputs.ts). */
export type NetworkPolicyOptionsInput = generated.NetworkPolicyOptions;
export type EphemeralStorageOptions = z.output<typeof ephemeralStorageOptions>;
/** The component argument as a user writes it, documented: generated from this schema (./inputs.ts). */
export type EphemeralStorageOptionsInput = generated.EphemeralStorageOptions;
export type NetworkPolicyPeer = z.output<typeof networkPolicyPeer>;
