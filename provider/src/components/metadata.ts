// Metadata whose namespace, labels or annotations are Pulumi Inputs, e.g. the name of a Namespace
// created in the same program. The spec decides which objects exist and is validated at once; the
// metadata is validated (and everything rendered) once its values are known.
import * as pulumi from "@pulumi/pulumi";
import type * as generated from "../spec/generated/types";
import { MOCK_PROVIDER_ANNOTATION } from "../spec/documents";

type StringMap = { [key: string]: pulumi.Input<string> };

/**
 * Kubernetes metadata of a component. `namespace`, `labels` and `annotations` may be Outputs, e.g.
 * `namespace: ns.metadata.name` for a Namespace created in the same program; `name` is plain (it
 * names the objects and the references to them).
 */
export type ObjectMetadataArgs = {
    [K in keyof generated.ObjectMeta]: K extends "name" ? generated.ObjectMeta[K] : K extends "namespace" ? pulumi.Input<string> : pulumi.Input<StringMap>;
};

/** Metadata with plain values, as validation takes it. */
export interface PlainMetadata {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
}

/**
 * The metadata argument, split: `now` when every value is plain; otherwise `later`, the values
 * once known, and `standIn`, what the spec is validated with meanwhile (with the namespace when
 * that is plain: `namespacePending` says whether it is).
 */
export type MetadataPlacement =
    | { now: unknown; standIn: unknown; later?: undefined; namespacePending: false }
    | { now?: undefined; standIn: PlainMetadata; later: pulumi.Output<PlainMetadata>; namespacePending: boolean };

const isPending = (value: unknown): boolean => {
    if (value === null || typeof value !== "object") return false;
    if (pulumi.Output.isInstance(value) || typeof (value as any).then === "function") return true;
    return Object.values(value).some(isPending);
};

/**
 * Splits the metadata argument. Until annotations given as Outputs are known, the stand-in carries
 * the mock-provider annotation, so the rules it lifts (an agent with handler "runtime" needs a
 * provider) wait for the real annotations instead of failing on a value not known yet.
 */
export function placeMetadata(metadata: ObjectMetadataArgs | undefined): MetadataPlacement {
    if (metadata === null || typeof metadata !== "object" || pulumi.Output.isInstance(metadata)) return { now: metadata, standIn: metadata, namespacePending: false };
    const { namespace, labels, annotations } = metadata;
    if (![namespace, labels, annotations].some(isPending)) return { now: metadata, standIn: metadata, namespacePending: false };
    // `name` stays as given: validation reports an Output there (it must be plain).
    const standIn: PlainMetadata = {
        name: metadata.name,
        ...(isPending(labels) ? {} : { labels: labels as Record<string, string> }),
        ...(isPending(annotations) ? { annotations: { [MOCK_PROVIDER_ANNOTATION]: "true" } } : { annotations: annotations as Record<string, string> }),
        ...(isPending(namespace) ? {} : { namespace: namespace as string }),
    };
    const later = pulumi.output({ name: metadata.name, namespace, labels, annotations }).apply((m) => withoutUndefined(m as PlainMetadata));
    return { standIn: withoutUndefined(standIn), later, namespacePending: isPending(namespace) };
}

const withoutUndefined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
