// What the Kubernetes provider waits for while `pulumi up` applies an agent's children. Decided here only.
//
// - The Deployment is awaited (rolled out, its pods ready): `status` reports Running only then, and a
//   rollout that fails fails `pulumi up`.
// - The Service is not: the provider would wait for its endpoints, which exist once the Deployment's
//   pods are ready, so its await says nothing the Deployment's does not, while it holds one of the
//   engine's parallel slots (4 per core by default) as long as the Deployment does. `status` reads
//   only the Service's cluster IP, which the API server assigns on creation.
// - The other children (ServiceAccount, ConfigMaps, autoscaler, PDB, NetworkPolicy) have no await.
// A user's `pulumi.com/skipAwait: "true"` on the agent reaches every child, the Deployment included
// (README, "Time to ready").
import type { KubeObject } from "../render";

export const SKIP_AWAIT_ANNOTATION = "pulumi.com/skipAwait";

/** The rendered Service as Pulumi applies it: not awaited. */
export function serviceWithoutAwait<T extends KubeObject>(service: T): T {
    return { ...service, metadata: { ...service.metadata, annotations: { ...service.metadata.annotations, [SKIP_AWAIT_ANNOTATION]: "true" } } };
}
