// Companions declared in this program, by kind/namespace/name: a reference by name to one of them
// resolves to the object itself (known during the first preview, and ordered after it) instead of
// reading the cluster, where it does not exist yet.
import type * as pulumi from "@pulumi/pulumi";
import type { CompanionKind } from "../render";

const companions = new Map<string, { resourceName: string; companion: pulumi.ComponentResource }>();
const key = (kind: CompanionKind, namespace: string, name: string) => `${kind}/${namespace}/${name}`;

export function registerCompanion(kind: CompanionKind, namespace: string, name: string, resourceName: string, companion: pulumi.ComponentResource) {
    companions.set(key(kind, namespace, name), { resourceName, companion });
}

/** The Pulumi resource name of the companion already declared with this kind, namespace and name. */
export function registeredCompanion(kind: CompanionKind, namespace: string, name: string): string | undefined {
    return companions.get(key(kind, namespace, name))?.resourceName;
}

export function findCompanion<T extends pulumi.ComponentResource>(kind: CompanionKind, namespace: string, name: string): T | undefined {
    return companions.get(key(kind, namespace, name))?.companion as T | undefined;
}
