// The pack as the engine runs it: @pulumi/pulumi/cmd/run-policy-pack as Node resolves it from the pack
// (the workspace root's node_modules in this repository, the pack's own once installed elsewhere)
// (the pack compiled by `npm run build`, package.json main), then the Analyzer gRPC calls the engine makes.
import { strict as assert } from "assert";
import { type ChildProcess, spawn } from "child_process";
import * as path from "path";
import { demoSpec } from "./fixtures";
import { UNKNOWN_STRING } from "./harness";

const PACK_DIR = path.join(__dirname, "../../policy-pack");
const fromPack = (id: string) => require(require.resolve(id, { paths: [PACK_DIR] }));
const grpc = fromPack("@grpc/grpc-js");
const analyzerpb = fromPack("@pulumi/pulumi/proto/analyzer_pb");
const analyzerrpc = fromPack("@pulumi/pulumi/proto/analyzer_grpc_pb");
const structpb = fromPack("google-protobuf/google/protobuf/struct_pb");
const emptypb = fromPack("google-protobuf/google/protobuf/empty_pb");
const RUN_POLICY_PACK = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [PACK_DIR] })), "cmd", "run-policy-pack");

const LEVELS: Record<number, string> = {};
for (const [name, value] of Object.entries(analyzerpb.EnforcementLevel as Record<string, number>)) LEVELS[value] = name.toLowerCase();

interface Pack {
    process: ChildProcess;
    client: any;
}

/** Starts the pack as `pulumi-analyzer-policy` does (cwd = pack, program "."), with the engine's env. */
async function startPack(stack: string | undefined): Promise<Pack> {
    const { PULUMI_STACK: _s, PULUMI_NODEJS_STACK: _n, ...inherited } = process.env;
    // undefined: as the nodejs language host's RunPlugin starts it, without the stack variables.
    const stackEnv = stack === undefined ? {} : { PULUMI_STACK: stack, PULUMI_NODEJS_STACK: stack, PULUMI_NODEJS_PROJECT: "omnia", PULUMI_DRY_RUN: "true" };
    const child = spawn(process.execPath, [RUN_POLICY_PACK, "127.0.0.1:1", "."], {
        cwd: PACK_DIR,
        env: { ...inherited, ...stackEnv },
        stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    const port = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout!.on("data", (d) => {
            out += d;
            const line = out.split("\n")[0].trim();
            if (out.includes("\n") && /^\d+$/.test(line)) resolve(line);
        });
        child.on("exit", (code) => reject(new Error(`policy pack exited with ${code}: ${stderr}`)));
    });
    return { process: child, client: new analyzerrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) };
}

const call = <T>(client: any, method: string, request: unknown): Promise<T> =>
    new Promise((resolve, reject) => client[method](request, (err: Error | null, res: T) => (err ? reject(err) : resolve(res))));

/** What the engine does before analyzing: ConfigureStack (tags), GetAnalyzerInfo, Configure with every policy's level and defaults. */
async function configure(pack: Pack, tags: Record<string, string>, stack = "stack") {
    const stackRequest = new analyzerpb.AnalyzerStackConfigureRequest();
    stackRequest.setStack(stack);
    for (const [k, v] of Object.entries(tags)) stackRequest.getTagsMap().set(k, v);
    await call(pack.client, "configureStack", stackRequest);
    const info: any = await call(pack.client, "getAnalyzerInfo", new emptypb.Empty());
    const request = new analyzerpb.ConfigureAnalyzerRequest();
    for (const p of info.getPoliciesList()) {
        const config = new analyzerpb.PolicyConfig();
        config.setEnforcementlevel(p.getEnforcementlevel());
        const schema = p.getConfigschema()?.getProperties()?.toJavaScript() ?? {};
        const defaults = Object.fromEntries(Object.entries(schema).map(([k, s]: [string, any]) => [k, s.default]));
        config.setProperties(structpb.Struct.fromJavaScript(defaults));
        request.getPolicyconfigMap().set(p.getName(), config);
    }
    await call(pack.client, "configure", request);
    return info;
}

async function analyze(pack: Pack, type: string, props: Record<string, unknown>) {
    const request = new analyzerpb.AnalyzeRequest();
    request.setType(type);
    request.setUrn(`urn:pulumi:stack::omnia::${type}::agent`);
    request.setName("agent");
    request.setProperties(structpb.Struct.fromJavaScript(props));
    request.setOptions(new analyzerpb.AnalyzerResourceOptions());
    const response: any = await call(pack.client, "analyze", request);
    return response.getDiagnosticsList().map((d: any) => ({ policy: d.getPolicyname(), level: LEVELS[d.getEnforcementlevel()] }));
}

describe("policy pack: loaded through @pulumi/pulumi/cmd/run-policy-pack", function () {
    this.timeout(180000);
    let pack: Pack | undefined;
    afterEach(() => {
        pack?.client.close();
        pack?.process.kill();
        pack = undefined;
    });
    const demo = { metadata: { namespace: "agents" }, spec: demoSpec() };

    it("serves every policy with its level, and reports the demo agent as mandatory on a stack tagged production", async () => {
        pack = await startPack("eu-1");
        const info = await configure(pack, { environment: "production" });
        const names: string[] = info.getPoliciesList().map((p: any) => p.getName());
        assert.ok(names.includes("agent-session-durable") && names.includes("agent-session-durable-nonprod"));
        const found = await analyze(pack, "omnia:index:AgentRuntime", demo);
        assert.deepEqual(
            found.filter((d: any) => d.level === "mandatory").map((d: any) => d.policy),
            ["agent-session-durable", "agent-provider-ref", "agent-handler-runtime", "agent-prompt-pack-pinned", "agent-replicas-redundant", "agent-resources-bounded"],
        );
        // During preview the engine sends unknowns as this sentinel: not a violation, and no "can't run during preview".
        const unknown = { ...demo, spec: { ...demo.spec, session: { type: UNKNOWN_STRING }, facade: { handler: UNKNOWN_STRING } } };
        const policies = (await analyze(pack, "omnia:index:AgentRuntime", unknown)).map((d: any) => d.policy);
        assert.ok(!policies.includes("agent-session-durable") && !policies.includes("agent-handler-runtime"), policies.join());
        assert.ok(policies.includes("agent-provider-ref"), policies.join());
    });

    it("takes the stack name from ConfigureStack when PULUMI_STACK is not set (started by the language host's RunPlugin)", async () => {
        pack = await startPack(undefined);
        await configure(pack, {}, "prod");
        const found = await analyze(pack, "omnia:index:AgentRuntime", demo);
        assert.ok(
            found.some((d: any) => d.policy === "agent-session-durable" && d.level === "mandatory"),
            JSON.stringify(found),
        );
        assert.ok(!found.some((d: any) => d.policy.endsWith("-nonprod")), JSON.stringify(found));
    });

    it("reports the same findings as advisory on a dev stack", async () => {
        pack = await startPack("dev");
        await configure(pack, {});
        const found = await analyze(pack, "omnia:index:AgentRuntime", demo);
        assert.deepEqual(
            found.filter((d: any) => d.level === "mandatory"),
            [],
        );
        assert.ok(found.some((d: any) => d.policy === "agent-session-durable-nonprod" && d.level === "advisory"));
    });
});
