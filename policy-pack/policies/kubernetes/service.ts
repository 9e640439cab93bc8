// Services stay inside the cluster unless allow-listed.
import type { ResourceRule } from "../../production";
import { isKnown, show } from "../values";
import { field } from "./workloads";

export const SERVICE_TYPE = "kubernetes:core/v1:Service";

export interface ServiceSettings {
    allowedServices: string[];
}

export const serviceClusterIp: ResourceRule<ServiceSettings> = {
    id: "service-cluster-ip",
    description: "Services are type ClusterIP (reach agents through an ingress or gateway), unless allow-listed.",
    severity: "high",
    scope: "production",
    remediationSteps: 'Remove spec.type (ClusterIP is the default) and expose the agent through an Ingress or Gateway, or add "<namespace>/<name>" to allowedServices.',
    settings: {
        allowedServices: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: 'Services allowed another type, as "<namespace>/<name>" or "<name>".',
        },
    },
    defaults: { allowedServices: [] },
    validateResource: (args, report, settings) => {
        if (args.type !== SERVICE_TYPE) return;
        const type = field(args.props, "spec", "type");
        if (!isKnown(type) || type === undefined || type === "ClusterIP") return;
        const name = field(args.props, "metadata", "name");
        const namespace = field(args.props, "metadata", "namespace");
        const allowed = settings.allowedServices ?? [];
        const ids = [isKnown(name) ? name : undefined, isKnown(name) && isKnown(namespace) ? `${namespace ?? "default"}/${name}` : undefined];
        if (ids.some((id) => id !== undefined && allowed.includes(id))) return;
        report(`spec.type: ${show(type)} exposes the Service outside the cluster; use ClusterIP or allow-list it`);
    },
};
