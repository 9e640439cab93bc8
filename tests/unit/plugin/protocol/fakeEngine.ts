// A fake Pulumi engine for protocol tests: the Engine and ResourceMonitor gRPC services a provider
// plugin talks to during Construct, recording what it registers and answering as an update would.
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as engineRpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineProto from "@pulumi/pulumi/proto/engine_pb";
import * as resourceRpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resourceProto from "@pulumi/pulumi/proto/resource_pb";
import * as providerProto from "@pulumi/pulumi/proto/provider_pb";
import { decode, type Decoded } from "./wire";

export interface Registration {
    urn: string;
    /** The resourceVersion this fake API server gave the object. */
    resourceVersion?: string;
    type: string;
    name: string;
    parent: string;
    custom: boolean;
    remote: boolean;
    /** Provider reference `<urn>::<id>` of a custom resource. */
    provider: string;
    /** Provider references by package, as a component sends them. */
    providers: Record<string, string>;
    dependencies: string[];
    ignoreChanges: string[];
    additionalSecretOutputs: string[];
    /** Inputs as sent (signature objects included). */
    raw: any;
    /** Inputs with secrets unwrapped, and the paths of the secret ones. */
    inputs: any;
    secretPaths: string[];
}

export const LogSeverity = engineProto.LogSeverity;

export interface LogEntry {
    severity: number;
    message: string;
    urn: string;
}

export interface FakeEngineOptions {
    project: string;
    stack: string;
    /** Resources that exist before the run (a provider passed in, ...), for `pulumi:pulumi:getResource`. */
    existing?: { urn: string; id: string; state?: Record<string, unknown> }[];
}

const SUPPORTED_FEATURES = new Set(["secrets", "resourceReferences", "outputValues", "deletedWith", "aliasSpecs"]);
const STACK_TYPE = "pulumi:pulumi:Stack";

export class FakeEngine {
    readonly registrations: Registration[] = [];
    readonly outputs = new Map<string, Decoded>();
    readonly logs: LogEntry[] = [];
    readonly reads: { type: string; name: string; id: string }[] = [];
    readonly invokes: { tok: string; args: any }[] = [];
    /** The stack's root resource, as `pulumi up` registers it before the program runs. */
    readonly stackUrn: string;
    engineAddress = "";
    monitorAddress = "";
    private readonly qualifiedTypes = new Map<string, string>();
    private readonly existing = new Map<string, { id: string; state: Record<string, unknown> }>();
    private readonly servers: grpc.Server[] = [];

    constructor(readonly options: FakeEngineOptions) {
        this.stackUrn = this.urn("", STACK_TYPE, `${options.project}-${options.stack}`);
        for (const r of options.existing ?? []) this.existing.set(r.urn, { id: r.id, state: r.state ?? {} });
    }

    /** `urn:pulumi:<stack>::<project>::<parent types$>type::name`; the stack's type is left out of its children's. */
    urn(parent: string, type: string, name: string): string {
        const parentType = parent ? this.qualifiedTypes.get(parent) : undefined;
        const qualified = parentType && parentType !== STACK_TYPE ? `${parentType}$${type}` : type;
        const urn = `urn:pulumi:${this.options.stack}::${this.options.project}::${qualified}::${name}`;
        this.qualifiedTypes.set(urn, qualified);
        return urn;
    }

    async start(): Promise<void> {
        this.engineAddress = await this.serve(engineRpc.EngineService, {
            log: (call: any, cb: any) => {
                const r: engineProto.LogRequest = call.request;
                this.logs.push({ severity: r.getSeverity(), message: r.getMessage(), urn: r.getUrn() });
                cb(null, new Empty());
            },
            getRootResource: (_call: any, cb: any) => cb(null, new engineProto.GetRootResourceResponse().setUrn(this.stackUrn)),
            setRootResource: (_call: any, cb: any) => cb(null, new engineProto.SetRootResourceResponse()),
        });
        this.monitorAddress = await this.serve(resourceRpc.ResourceMonitorService, {
            supportsFeature: (call: any, cb: any) => cb(null, new resourceProto.SupportsFeatureResponse().setHassupport(SUPPORTED_FEATURES.has(call.request.getId()))),
            registerResource: (call: any, cb: any) => cb(null, this.registerResource(call.request)),
            registerResourceOutputs: (call: any, cb: any) => {
                const r: resourceProto.RegisterResourceOutputsRequest = call.request;
                this.outputs.set(r.getUrn(), decode(r.getOutputs()?.toJavaScript() ?? {}));
                cb(null, new Empty());
            },
            invoke: (call: any, cb: any) => this.invoke(call.request, cb),
            readResource: (call: any, cb: any) => {
                const r: resourceProto.ReadResourceRequest = call.request;
                this.reads.push({ type: r.getType(), name: r.getName(), id: r.getId() });
                cb({ code: grpc.status.NOT_FOUND, details: `${r.getType()} ${r.getId()} does not exist in this fake cluster` });
            },
            registerPackage: (call: any, cb: any) => cb(null, new resourceProto.RegisterPackageResponse().setRef(`${call.request.getName()}@${call.request.getVersion()}`)),
        });
    }

    async stop(): Promise<void> {
        for (const s of this.servers) s.forceShutdown();
    }

    /** Everything registered under a parent URN (its direct children). */
    childrenOf(urn: string): Registration[] {
        return this.registrations.filter((r) => r.parent === urn);
    }

    one(type: string, name: string): Registration {
        const found = this.registrations.filter((r) => r.type === type && r.name === name);
        if (found.length !== 1) throw new Error(`expected one ${type} ${name}, registered ${found.length}`);
        return found[0];
    }

    private async serve(service: grpc.ServiceDefinition<any>, handlers: grpc.UntypedServiceImplementation): Promise<string> {
        const server = new grpc.Server();
        server.addService(service, handlers);
        const port = await new Promise<number>((resolve, reject) =>
            server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
        );
        this.servers.push(server);
        return `127.0.0.1:${port}`;
    }

    private registerResource(req: resourceProto.RegisterResourceRequest): resourceProto.RegisterResourceResponse {
        const raw = req.getObject()?.toJavaScript() ?? {};
        const { value: inputs, secretPaths } = decode(raw);
        const urn = this.urn(req.getParent(), req.getType(), req.getName());
        this.registrations.push({
            urn,
            type: req.getType(),
            name: req.getName(),
            parent: req.getParent(),
            custom: req.getCustom(),
            remote: req.getRemote(),
            provider: req.getProvider(),
            providers: Object.fromEntries(req.getProvidersMap().entries()),
            dependencies: req.getDependenciesList(),
            ignoreChanges: req.getIgnorechangesList(),
            additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
            raw,
            inputs,
            secretPaths,
        });
        const resp = new resourceProto.RegisterResourceResponse().setUrn(urn);
        if (req.getCustom()) {
            const meta = (inputs as any).metadata ?? {};
            resp.setId(`${meta.namespace ?? "default"}/${meta.name ?? req.getName()}`);
            // The inputs come back as outputs (secrets still wrapped), plus what the cluster fills in.
            // The API server gives every object a resourceVersion.
            const metadata = { ...(raw as any).metadata, resourceVersion: String(this.registrations.length) };
            this.registrations[this.registrations.length - 1].resourceVersion = metadata.resourceVersion;
            resp.setObject(Struct.fromJavaScript({ ...raw, metadata, ...clusterOutputs(req.getType(), raw) }));
        }
        return resp;
    }

    private invoke(req: resourceProto.ResourceInvokeRequest, cb: grpc.sendUnaryData<providerProto.InvokeResponse>) {
        const args: any = req.getArgs()?.toJavaScript() ?? {};
        this.invokes.push({ tok: req.getTok(), args });
        const found = req.getTok() === "pulumi:pulumi:getResource" ? this.existing.get(args.urn) : undefined;
        if (!found) {
            cb({ code: grpc.status.UNIMPLEMENTED, details: `fake engine: no answer for invoke ${req.getTok()} ${JSON.stringify(args)}` });
            return;
        }
        cb(null, new providerProto.InvokeResponse().setReturn(Struct.fromJavaScript({ urn: args.urn, id: found.id, state: found.state as any })));
    }
}

/** Fields a real cluster would report after the apply. */
function clusterOutputs(type: string, raw: any): Record<string, any> {
    switch (type) {
        case "kubernetes:apps/v1:Deployment": {
            const replicas = raw.spec?.replicas ?? 1;
            return { status: { replicas, readyReplicas: replicas, availableReplicas: replicas, conditions: [{ type: "Available", status: "True" }] } };
        }
        case "kubernetes:core/v1:Service":
            return { spec: { ...raw.spec, clusterIP: "10.96.0.42" } };
        default:
            return {};
    }
}
