// Runs the provider plugin as the engine does (`node provider/index.js <engine>`) and talks to it.
import * as grpc from "@grpc/grpc-js";
import { type ChildProcess, execFileSync, spawn } from "child_process";
import { readdirSync, statSync } from "fs";
import * as path from "path";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as providerRpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as providerProto from "@pulumi/pulumi/proto/provider_pb";
import * as statusProto from "@pulumi/pulumi/proto/status_pb";
import * as errorsProto from "@pulumi/pulumi/proto/errors_pb";
import { decode, type Decoded } from "./wire";

export const ROOT = path.join(__dirname, "../../../..");

function newestMtime(dir: string, ext: string): number {
    let newest = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) newest = Math.max(newest, newestMtime(file, ext));
        else if (entry.name.endsWith(ext)) newest = Math.max(newest, statSync(file).mtimeMs);
    }
    return newest;
}

/** Compiles provider/src (`npm run build`) when provider/bin is missing or older than a source file. */
export function ensureBuilt(): void {
    const main = path.join(ROOT, "provider/bin/plugin/main.js");
    let built = 0;
    try {
        built = statSync(main).mtimeMs;
    } catch {
        built = 0;
    }
    if (built === 0 || newestMtime(path.join(ROOT, "provider/src"), ".ts") > built) {
        execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: ROOT, stdio: "inherit" });
    }
}

export interface ConstructArgs {
    type: string;
    name: string;
    project: string;
    stack: string;
    monitorEndpoint: string;
    parent: string;
    /** Wire values: use `secret(...)` from ./wire for secret inputs. */
    inputs: Record<string, unknown>;
    providers?: Record<string, string>;
    dryRun?: boolean;
    /** The stack's config, as the engine sends it (`package:key` -> value). */
    config?: Record<string, string>;
}

export interface ConstructResult {
    urn: string;
    state: Decoded;
}

export interface PropertyError {
    propertyPath: string;
    reason: string;
}

export class Plugin {
    stderr = "";
    private constructor(
        private readonly child: ChildProcess,
        private readonly client: any,
    ) {
        child.stderr!.on("data", (d) => (this.stderr += d));
    }

    /** Spawns the plugin, waits for the port it prints on stdout and connects a ResourceProvider client. */
    static async start(engineAddress: string): Promise<Plugin> {
        const child = spawn(process.execPath, [path.join("provider", "index.js"), engineAddress], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
        let stderr = "";
        child.stderr!.on("data", (d) => (stderr += d));
        const port = await new Promise<number>((resolve, reject) => {
            const timer = setTimeout(() => fail(new Error(`plugin printed no port within 20 s: ${stderr}`)), 20000);
            const fail = (e: Error) => {
                clearTimeout(timer);
                child.kill("SIGKILL");
                reject(e);
            };
            let out = "";
            child.stdout!.on("data", (d) => {
                out += d;
                const line = /^(\d+)$/m.exec(out);
                if (line) {
                    clearTimeout(timer);
                    resolve(Number(line[1]));
                }
            });
            child.once("exit", (code) => fail(new Error(`plugin exited (${code}) before printing its port: ${stderr}`)));
        });
        const client = new providerRpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        return new Plugin(child, client);
    }

    get pid(): number | undefined {
        return this.child.pid;
    }

    async getSchema(): Promise<string> {
        const resp = await this.unary<providerProto.GetSchemaResponse>("getSchema", new providerProto.GetSchemaRequest().setVersion(0));
        return resp.getSchema();
    }

    async construct(args: ConstructArgs): Promise<ConstructResult> {
        const req = new providerProto.ConstructRequest()
            .setProject(args.project)
            .setStack(args.stack)
            .setDryrun(args.dryRun ?? false)
            .setParallel(16)
            .setMonitorendpoint(args.monitorEndpoint)
            .setType(args.type)
            .setName(args.name)
            .setParent(args.parent)
            .setInputs(Struct.fromJavaScript(args.inputs as any));
        for (const [pkg, ref] of Object.entries(args.providers ?? {})) req.getProvidersMap().set(pkg, ref);
        for (const [key, value] of Object.entries(args.config ?? {})) req.getConfigMap().set(key, value);
        const resp = await this.unary<providerProto.ConstructResponse>("construct", req);
        return { urn: resp.getUrn(), state: decode(resp.getState()?.toJavaScript() ?? {}) };
    }

    /** Stops the plugin as the engine does when it is done with it; resolves once the process has exited. */
    async stop(): Promise<void> {
        this.client.close();
        if (this.child.exitCode !== null || this.child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
        this.child.kill("SIGTERM");
        const timer = setTimeout(() => this.child.kill("SIGKILL"), 3000);
        await exited;
        clearTimeout(timer);
    }

    private unary<T>(method: string, req: unknown): Promise<T> {
        return new Promise((resolve, reject) =>
            this.client[method](req, { deadline: Date.now() + 15000 }, (err: grpc.ServiceError | null, resp: T) => (err ? reject(err) : resolve(resp))),
        );
    }
}

/** The InputPropertiesError details of a gRPC error (grpc-status-details-bin), as the engine reads them. */
export function inputPropertiesErrors(err: grpc.ServiceError): { message: string; errors: PropertyError[] } {
    const bin = err.metadata?.get("grpc-status-details-bin")?.[0];
    if (!bin) throw new Error(`no status details in ${err.message}`);
    const status = statusProto.Status.deserializeBinary(new Uint8Array(bin as Buffer));
    const errors = status
        .getDetailsList()
        .filter((any) => any.getTypeName() === "pulumirpc.InputPropertiesError")
        .flatMap((any) => errorsProto.InputPropertiesError.deserializeBinary(any.getValue_asU8()).getErrorsList())
        .map((e) => ({ propertyPath: e.getPropertyPath(), reason: e.getReason() }));
    return { message: status.getMessage(), errors };
}
