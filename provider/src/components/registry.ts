// Companions declared in this program, by kind, name and namespace: a reference by name to one of
// them resolves to the object itself (known during the first preview, and ordered after it) instead
// of reading the cluster, where it does not exist yet. A namespace given as an Output is compared
// once it is known.
import * as pulumi from "@pulumi/pulumi";
import type { CompanionKind } from "../render";

interface Entry {
    namespace: string | pulumi.Output<string>;
    resourceName: string;
    companion: pulumi.ComponentResource;
}

const companions = new Map<string, Entry[]>();
const key = (kind: CompanionKind, name: string) => `${kind}/${name}`;

export function registerCompanion(kind: CompanionKind, namespace: string | pulumi.Output<string>, name: string, resourceName: string, companion: pulumi.ComponentResource) {
    const entries = companions.get(key(kind, name)) ?? [];
    companions.set(key(kind, name), [...entries, { namespace, resourceName, companion }]);
}

/** The companions of this kind and name, in any namespace. */
export function companionsNamed(kind: CompanionKind, name: string): readonly Entry[] {
    return companions.get(key(kind, name)) ?? [];
}

/**
 * The companion of this kind, name and namespace, when that can be told now (every namespace
 * involved is plain): `decided` is false when one of them is an Output.
 */
export function companionNow<T extends pulumi.ComponentResource>(kind: CompanionKind, namespace: string, name: string): { decided: boolean; resourceName?: string; companion?: T } {
    const entries = companionsNamed(kind, name);
    const found = entries.find((e) => e.namespace === namespace);
    if (found) return { decided: true, resourceName: found.resourceName, companion: found.companion as T };
    return { decided: entries.every((e) => typeof e.namespace === "string") };
}

/** The companion of this kind, name and namespace, once every namespace involved is known. */
export function companionLater<T extends pulumi.ComponentResource>(
    kind: CompanionKind,
    namespace: pulumi.Input<string>,
    name: string,
): pulumi.Output<{ resourceName?: string; companion?: T }> {
    const entries = [...companionsNamed(kind, name)];
    return pulumi.all([namespace, ...entries.map((e) => e.namespace)]).apply(([ns, ...namespaces]): { resourceName?: string; companion?: T } => {
        const found = entries[namespaces.indexOf(ns)];
        return found ? { resourceName: found.resourceName, companion: found.companion as T } : {};
    });
}
