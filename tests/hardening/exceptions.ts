// The deliberate exceptions to kube-score's CRITICAL findings, each with its reason. The README's
// hardening section shows the same table (a test keeps them equal).
import type { Finding } from "./kubeScore";

export interface Exception {
    check: string;
    /** kube-score's comment, as it prints it. */
    summary: string;
    reason: string;
}

export const EXCEPTIONS: Exception[] = [
    {
        check: "container-image-pull-policy",
        summary: "ImagePullPolicy is not set to Always",
        reason: "Images are pinned (the pack's container-image-pinned refuses no tag and `latest`), so `IfNotPresent` runs the same image as `Always`, without putting the registry in the path of every pod start and restart (a registry outage would stop recovery). Where tenants must not reuse each other's cached private images, the kubelet's `KubeletEnsureSecretPulledImages` checks credentials per pod instead.",
    },
    {
        check: "container-resources",
        summary: "CPU limit is not set",
        reason: "No CPU limit on the facade: it relays token streams, and CFS throttling would stall every stream of the pod while its CPU request already guarantees its share. The runtime gets the CPU limit `spec.runtime.resources` gives (the production example sets one). Memory, which cannot be reclaimed, is always limited; the pack's container-resources-bounded asks for the same set.",
    },
];

/** The exception that covers a finding, if any. */
export const exceptionFor = (f: Finding) => EXCEPTIONS.find((e) => e.check === f.check && e.summary === f.summary);
