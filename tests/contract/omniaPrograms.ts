// The contract of Omnia's agent programs of our generation (57f0e470 / v0.2.0-alpha.12), written down
// independently of the renderer from ../shared/notes/omnia-agent-contract.md, and a checker that holds
// rendered Kubernetes objects to it: the env each program reads and how it parses it, the files at the
// mount paths as the programs parse them, and probes, ports and hooks the FROM-scratch images can serve.
import Ajv2020 from "ajv/dist/2020";
import { readFileSync } from "fs";
import * as path from "path";
import { parse } from "yaml";

/** What the facade (cmd/agent) reads: environment only, no files. */
export const FACADE = {
    required: ["OMNIA_AGENT_NAME", "OMNIA_NAMESPACE", "OMNIA_PROMPTPACK_NAME"],
    optional: [
        "OMNIA_HANDLER_MODE",
        "OMNIA_FACADE_TYPE",
        "OMNIA_FACADE_PORT",
        "OMNIA_HEALTH_PORT",
        "OMNIA_RUNTIME_ADDRESS",
        "OMNIA_SESSION_TYPE",
        "OMNIA_SESSION_TTL",
        "OMNIA_SESSION_STORE_URL",
    ],
    defaults: { OMNIA_FACADE_PORT: "8080", OMNIA_HEALTH_PORT: "8081", OMNIA_RUNTIME_ADDRESS: "localhost:9000", OMNIA_HANDLER_MODE: "runtime", OMNIA_SESSION_TYPE: "memory" },
    /** HTTP paths its health server answers on the health port. */
    healthPaths: ["/healthz", "/readyz"],
};

/** What the runtime (cmd/runtime) reads: environment, the pack file and the tools file. */
export const RUNTIME = {
    required: ["OMNIA_AGENT_NAME", "OMNIA_NAMESPACE"],
    optional: [
        "OMNIA_PROMPTPACK_PATH",
        "OMNIA_PROMPT_NAME",
        "OMNIA_TOOLS_CONFIG",
        "OMNIA_SESSION_TYPE",
        "OMNIA_SESSION_URL",
        "OMNIA_SESSION_TTL",
        "OMNIA_PROVIDER_TYPE",
        "OMNIA_PROVIDER_MODEL",
        "OMNIA_MOCK_PROVIDER",
        "OMNIA_MOCK_CONFIG",
        "OMNIA_GRPC_PORT",
        "OMNIA_HEALTH_PORT",
        // Picked by PromptKit from the environment.
        "ANTHROPIC_API_KEY",
        "OPENAI_API_KEY",
        "GOOGLE_API_KEY",
        "GEMINI_API_KEY",
    ],
    defaults: {
        OMNIA_PROMPTPACK_PATH: "/etc/omnia/pack/pack.json",
        OMNIA_PROMPT_NAME: "default",
        OMNIA_TOOLS_CONFIG: "/etc/omnia/tools/tools.yaml",
        OMNIA_GRPC_PORT: "9000",
        OMNIA_HEALTH_PORT: "9001",
        OMNIA_SESSION_TYPE: "memory",
        OMNIA_PROVIDER_TYPE: "auto",
    },
    healthPaths: ["/healthz", "/readyz"],
    /** Its gRPC server registers grpc.health.v1 with the overall service ("") SERVING: the facade's /readyz asks it. */
    grpcHealthServices: [""],
    providerTypes: ["auto", "claude", "openai", "gemini"],
};

/** tools.yaml fields the runtime's structs have (internal/runtime/tools, yaml.v3 camelCase tags). */
export const TOOLS_YAML = {
    handler: ["name", "type", "endpoint", "tool", "httpConfig", "grpcConfig", "mcpConfig", "openAPIConfig", "timeout", "retries"],
    tool: ["name", "description", "inputSchema", "outputSchema"],
    blocks: {
        http: ["httpConfig", ["endpoint", "method", "headers", "contentType", "authType", "authToken"]],
        grpc: ["grpcConfig", ["endpoint", "tls", "tlsCertPath", "tlsKeyPath", "tlsCAPath", "tlsInsecureSkipVerify"]],
        mcp: ["mcpConfig", ["transport", "endpoint", "command", "args", "workDir", "env"]],
        openapi: ["openAPIConfig", ["specURL", "baseURL", "operationFilter", "authType", "authToken"]],
    } as Record<string, [string, string[]]>,
};

const MOCK_ANNOTATION = "omnia.altairalabs.ai/mock-provider";
const SESSION_TYPES = ["memory", "redis"]; // anything else makes both programs exit
const HANDLER_MODES = ["echo", "demo", "runtime"];
// Go's time.ParseDuration: a sequence of decimal numbers with units; "0" alone is allowed too.
const GO_DURATION = /^([0-9]*(\.[0-9]*)?(ns|us|µs|ms|s|m|h))+$/;

const packSchema = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "provider", "schemas", "promptpack.schema.json"), "utf8"));
const validatePack = new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(packSchema);

type Obj = Record<string, any>;
const key = (o: Obj) => `${o.kind}/${o.metadata?.namespace ?? "default"}/${o.metadata?.name}`;

/** Checks every Deployment among `objects` (with the ConfigMaps it mounts, also from `objects`); returns the problems found. */
export function contractProblems(objects: Obj[]): string[] {
    const byKey = new Map(objects.map((o) => [key(o), o]));
    const problems: string[] = [];
    for (const deployment of objects.filter((o) => o.kind === "Deployment")) {
        const say = (message: string) => problems.push(`${key(deployment)}: ${message}`);
        checkPod(deployment, (ns, name) => byKey.get(`ConfigMap/${ns}/${name}`), say);
    }
    return problems;
}

function envOf(container: Obj, say: (m: string) => void): Map<string, Obj> {
    const env = new Map<string, Obj>();
    for (const e of container.env ?? []) {
        if (env.has(e.name)) say(`${container.name}: ${e.name} is set twice`);
        env.set(e.name, e);
    }
    return env;
}

function checkPod(deployment: Obj, configMap: (ns: string, name: string) => Obj | undefined, say: (m: string) => void) {
    const ns = deployment.metadata.namespace ?? "default";
    const pod = deployment.spec.template.spec;
    // The AgentRuntime's annotations (mock-provider) are copied to its Deployment.
    const annotations = deployment.metadata.annotations ?? {};
    const containers: Obj[] = [...(pod.initContainers ?? []), ...pod.containers];
    const facade = pod.containers.find((c: Obj) => c.name === "facade");
    const runtime = containers.find((c: Obj) => c.name === "runtime");
    if (!facade) return say("no facade container");

    for (const c of containers) checkScratchImage(c, say);
    const facadeEnv = envOf(facade, say);
    checkEnvNames("facade", facadeEnv, FACADE, say);
    const value = (env: Map<string, Obj>, name: string, defaults: Record<string, string>) => env.get(name)?.value ?? defaults[name];
    const mode = value(facadeEnv, "OMNIA_HANDLER_MODE", FACADE.defaults);
    if (!HANDLER_MODES.includes(mode)) say(`facade: OMNIA_HANDLER_MODE ${mode} makes it exit`);
    const facadeType = facadeEnv.get("OMNIA_FACADE_TYPE")?.value;
    if (facadeType !== undefined && facadeType !== "websocket") say(`facade: OMNIA_FACADE_TYPE ${facadeType} makes it exit`);
    checkSession("facade", facadeEnv, "OMNIA_SESSION_STORE_URL", say);
    checkPorts(facade, { [value(facadeEnv, "OMNIA_FACADE_PORT", FACADE.defaults)]: "facade", [value(facadeEnv, "OMNIA_HEALTH_PORT", FACADE.defaults)]: "health" }, say);
    checkProbes(facade, Number(value(facadeEnv, "OMNIA_HEALTH_PORT", FACADE.defaults)), FACADE.healthPaths, undefined, say);
    if (deployment.spec.template.metadata?.annotations?.["prometheus.io/port"] !== value(facadeEnv, "OMNIA_FACADE_PORT", FACADE.defaults))
        say("the prometheus.io/port annotation is not the facade port, where /metrics is served");

    if (mode !== "runtime") {
        if (runtime) say(`a runtime container with handler ${mode}, which never calls it`);
        return;
    }
    if (!runtime) return say("handler runtime without a runtime container");
    if (!pod.initContainers?.includes(runtime) || runtime.restartPolicy !== "Always" || !runtime.startupProbe) {
        say("runtime: not a native sidecar with a startup probe: the published facade connects once at start and may find no runtime");
    }
    const env = envOf(runtime, say);
    checkEnvNames("runtime", env, RUNTIME, say);
    const grpc = value(env, "OMNIA_GRPC_PORT", RUNTIME.defaults);
    if (value(facadeEnv, "OMNIA_RUNTIME_ADDRESS", FACADE.defaults) !== `localhost:${grpc}`) say("facade: OMNIA_RUNTIME_ADDRESS is not the runtime's gRPC port in the pod");
    checkSession("runtime", env, "OMNIA_SESSION_URL", say);
    const providerType = value(env, "OMNIA_PROVIDER_TYPE", RUNTIME.defaults);
    if (!RUNTIME.providerTypes.includes(providerType)) say(`runtime: OMNIA_PROVIDER_TYPE ${providerType} makes it exit`);
    const mock = annotations[MOCK_ANNOTATION] === "true";
    if ((env.get("OMNIA_MOCK_PROVIDER")?.value === "true") !== mock) say(`runtime: OMNIA_MOCK_PROVIDER does not follow the ${MOCK_ANNOTATION} annotation`);
    for (const name of ["ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GOOGLE_API_KEY", "GEMINI_API_KEY"]) {
        const e = env.get(name);
        if (e && !e.valueFrom?.secretKeyRef) say(`runtime: ${name} is not bound from a Secret`);
    }
    checkPorts(runtime, { [grpc]: "grpc", [value(env, "OMNIA_HEALTH_PORT", RUNTIME.defaults)]: "health" }, say);
    checkProbes(runtime, Number(value(env, "OMNIA_HEALTH_PORT", RUNTIME.defaults)), RUNTIME.healthPaths, Number(grpc), say);

    const file = (envName: string) => mountedFile(pod, runtime, value(env, envName, RUNTIME.defaults), ns, configMap, say);
    const pack = file("OMNIA_PROMPTPACK_PATH");
    if (pack === undefined) say("runtime: no pack file at OMNIA_PROMPTPACK_PATH: every conversation would fail");
    else if (pack !== null) checkPack(pack, value(env, "OMNIA_PROMPT_NAME", RUNTIME.defaults), say);
    if (env.has("OMNIA_TOOLS_CONFIG")) {
        const tools = file("OMNIA_TOOLS_CONFIG");
        if (tools === undefined) say("runtime: no tools file at OMNIA_TOOLS_CONFIG");
        else if (tools !== null) checkTools(tools, say);
    }
}

function checkEnvNames(program: string, env: Map<string, Obj>, contract: { required: string[]; optional: string[] }, say: (m: string) => void) {
    for (const name of contract.required) if (!env.has(name)) say(`${program}: ${name} is required and not set`);
    for (const name of env.keys()) if (![...contract.required, ...contract.optional].includes(name)) say(`${program}: ${name} is not read by the ${program} program`);
}

function checkSession(program: string, env: Map<string, Obj>, urlVariable: string, say: (m: string) => void) {
    const type = env.get("OMNIA_SESSION_TYPE")?.value ?? "memory";
    if (!SESSION_TYPES.includes(type)) say(`${program}: OMNIA_SESSION_TYPE ${type} makes it exit`);
    const ttl = env.get("OMNIA_SESSION_TTL")?.value;
    if (ttl !== undefined && !GO_DURATION.test(ttl)) say(`${program}: OMNIA_SESSION_TTL ${ttl} is not a Go duration (it exits)`);
    const url = env.get(urlVariable);
    if (type === "redis" && !url?.valueFrom?.secretKeyRef) say(`${program}: redis sessions without ${urlVariable} from a Secret`);
    if (type !== "redis" && url) say(`${program}: ${urlVariable} without redis sessions`);
}

/** FROM-scratch images: no shell, no binaries besides the program, so no exec probe or hook can run. */
function checkScratchImage(c: Obj, say: (m: string) => void) {
    for (const probe of ["readinessProbe", "livenessProbe", "startupProbe"]) if (c[probe]?.exec) say(`${c.name}: ${probe} runs a command the scratch image does not have`);
    for (const hook of ["preStop", "postStart"]) if (c.lifecycle?.[hook]?.exec) say(`${c.name}: ${hook} runs a command the scratch image does not have`);
}

function checkPorts(c: Obj, expected: Record<string, string>, say: (m: string) => void) {
    const declared = (c.ports ?? []).map((p: Obj) => String(p.containerPort)).sort();
    if (JSON.stringify(declared) !== JSON.stringify(Object.keys(expected).sort()))
        say(`${c.name}: ports ${declared.join(", ")} are not the ones it listens on (${Object.keys(expected).join(", ")})`);
}

/** HTTP probes on the health port's paths; gRPC probes only where the program serves grpc.health.v1 (the runtime's gRPC port). */
function checkProbes(c: Obj, healthPort: number, paths: string[], grpcPort: number | undefined, say: (m: string) => void) {
    const portOf = (port: number | string) => (typeof port === "number" ? port : Number((c.ports ?? []).find((p: Obj) => p.name === port)?.containerPort));
    for (const probe of ["readinessProbe", "livenessProbe", "startupProbe"]) {
        const get = c[probe]?.httpGet;
        const grpc = c[probe]?.grpc;
        if (get && (portOf(get.port) !== healthPort || !paths.includes(get.path))) say(`${c.name}: ${probe} GET ${get.path} on ${get.port}, which it does not serve`);
        if (grpc && (grpc.port !== grpcPort || !RUNTIME.grpcHealthServices.includes(grpc.service ?? ""))) {
            say(`${c.name}: ${probe} asks gRPC health on ${grpc.port}${grpc.service ? ` for ${grpc.service}` : ""}, which it does not serve`);
        }
    }
}

/**
 * The text the container sees at `filePath`: from the ConfigMap volume mounted there. `undefined` when
 * no such file exists, `null` when the ConfigMap is not among the objects (cannot be checked here).
 */
function mountedFile(
    pod: Obj,
    c: Obj,
    filePath: string,
    ns: string,
    configMap: (ns: string, name: string) => Obj | undefined,
    say: (m: string) => void,
): string | null | undefined {
    const mount = (c.volumeMounts ?? []).find((m: Obj) => filePath.startsWith(`${m.mountPath.replace(/\/$/, "")}/`));
    if (!mount) return undefined;
    const volume = (pod.volumes ?? []).find((v: Obj) => v.name === mount.name);
    if (!volume?.configMap) return undefined;
    if (!mount.readOnly) say(`${c.name}: ${mount.mountPath} is writable`);
    const relative = filePath.slice(mount.mountPath.replace(/\/$/, "").length + 1);
    const item = volume.configMap.items ? volume.configMap.items.find((i: Obj) => i.path === relative) : { key: relative };
    if (!item) return undefined;
    const cm = configMap(ns, volume.configMap.name);
    if (!cm) return null;
    return cm.data?.[item.key];
}

/** As the runtime reads the pack at the first message: PromptKit's schema, then the prompt it opens. */
function checkPack(text: string, promptName: string, say: (m: string) => void) {
    let pack: Obj;
    try {
        pack = JSON.parse(text);
    } catch {
        return say("runtime: pack.json is not JSON");
    }
    if (!validatePack(pack)) return say(`runtime: pack.json fails PromptKit's pack schema: ${JSON.stringify(validatePack.errors?.slice(0, 3))}`);
    if (!(promptName in pack.prompts)) say(`runtime: prompt ${promptName} (OMNIA_PROMPT_NAME) is not in the pack (${Object.keys(pack.prompts).join(", ")})`);
}

/** As the runtime loads tools.yaml: every handler keeps its type's block, with the runtime's field names. */
function checkTools(text: string, say: (m: string) => void) {
    const doc = parse(text);
    if (!Array.isArray(doc?.handlers)) return say("runtime: tools.yaml has no handlers list");
    for (const h of doc.handlers) {
        const where = `runtime: tools.yaml handler ${h.name}`;
        for (const field of Object.keys(h)) if (!TOOLS_YAML.handler.includes(field)) say(`${where}: field ${field} is not read`);
        const [block, fields] = TOOLS_YAML.blocks[h.type] ?? [];
        if (!block) {
            say(`${where}: unknown type ${h.type} (skipped)`);
            continue;
        }
        if (!h[block]) say(`${where}: no ${block}, so the runtime skips it`);
        for (const field of Object.keys(h[block] ?? {})) if (!fields.includes(field)) say(`${where}: ${block}.${field} is not read`);
        if ((h.type === "http" || h.type === "grpc") && !h.tool) say(`${where}: no tool, so the runtime skips it`);
        for (const field of Object.keys(h.tool ?? {})) if (!TOOLS_YAML.tool.includes(field)) say(`${where}: tool.${field} is not read`);
        if (h.tool && (typeof h.tool.inputSchema !== "object" || Array.isArray(h.tool.inputSchema))) say(`${where}: tool.inputSchema is not a map (the runtime drops it)`);
        if (h.timeout !== undefined && !GO_DURATION.test(h.timeout)) say(`${where}: timeout ${h.timeout} is not a Go duration`);
    }
}
