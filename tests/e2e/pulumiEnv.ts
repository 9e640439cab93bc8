// Helpers for end-to-end tests: the project's own toolchain (scripts/toolchain), its own loopback
// cluster (scripts/cluster) and an isolated Pulumi environment (temporary PULUMI_HOME, file://
// backend, passphrase secrets, no update checks, no plugin downloads, the cluster's kubeconfig).
import { execFileSync, spawnSync, type SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const repoRoot = path.resolve(__dirname, "..", "..");
/**
 * The runtime image e2e stacks name through the stack config `omnia:runtimeImage`: Omnia published none
 * for this generation (a build of its Dockerfile.runtime). Never pulled: the cluster's node is simulated.
 */
export const E2E_RUNTIME_IMAGE = "registry.example.com/omnia-runtime:57f0e470";
export const programsDir = path.join(__dirname, "programs");
const toolchainScript = path.join(repoRoot, "scripts", "toolchain");
const clusterScript = path.join(repoRoot, "scripts", "cluster");

/** Variables of toolchain/versions.env (KEY=value lines). */
export function versions(): Record<string, string> {
    const out: Record<string, string> = {};
    const text = fs.readFileSync(path.join(repoRoot, "toolchain", "versions.env"), "utf8");
    for (const line of text.split("\n")) {
        const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
        if (m) {
            out[m[1]] = m[2];
        }
    }
    return out;
}

function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
    const r = spawnSync(script, args, {
        cwd: repoRoot,
        env,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"], // progress (stderr) goes to the test log
        maxBuffer: 64 * 1024 * 1024,
    });
    if (r.error) {
        throw r.error;
    }
    if (r.status !== 0) {
        throw new Error(`${path.basename(script)} ${args.join(" ")} exited ${r.status}: ${r.stdout}`);
    }
    return r.stdout;
}

let cachedBin: string | undefined;

/**
 * The toolchain bin dir. Builds whatever is missing first (a cold build takes a long time), so a
 * test that needs the toolchain never skips for lack of it.
 */
export function ensureToolchain(): string {
    if (!cachedBin) {
        const lines = runScript(toolchainScript, ["--print-bin"]).trim().split("\n");
        cachedBin = lines[lines.length - 1];
        process.env.OMNIA_TOOLCHAIN_BIN = cachedBin; // reused by scripts/cluster
    }
    return cachedBin;
}

/** The toolchain cache root (bin/, share/, venv/, logs/). */
export function toolchainRoot(): string {
    return path.dirname(ensureToolchain());
}

/** Start the project's cluster (idempotent); returns its kubeconfig path. */
export function clusterUp(): string {
    ensureToolchain();
    runScript(clusterScript, ["up"]);
    return kubeconfigPath();
}

/** Stop every process of the project's cluster. */
export function clusterDown(): void {
    runScript(clusterScript, ["down"]);
}

/** The project's kubeconfig (never the machine's). */
export function kubeconfigPath(): string {
    return runScript(clusterScript, ["kubeconfig"]).trim();
}

/** kubectl from the toolchain against the project's cluster, whatever its exit status. */
export function kubectlResult(args: string[], input?: string): SpawnSyncReturns<string> {
    const kc = kubeconfigPath();
    return spawnSync(path.join(ensureToolchain(), "kubectl"), ["--kubeconfig", kc, ...args], {
        env: { ...process.env, KUBECONFIG: kc },
        encoding: "utf8",
        input,
    });
}

/** kubectl from the toolchain against the project's cluster; input goes to its standard input. */
export function kubectl(args: string[], input?: string): string {
    const r = kubectlResult(args, input);
    if (r.status !== 0) {
        throw new Error(`kubectl ${args.join(" ")} failed: ${r.stderr}`);
    }
    return r.stdout;
}

/** `kubectl get ARGS -o json`, parsed. */
export function getJson(args: string[]): any {
    return JSON.parse(kubectl(["get", ...args, "-o", "json"]));
}

/** Seconds since t0, for test logs ("12.3s"). */
export const seconds = (t0: number) => `${((Date.now() - t0) / 1000).toFixed(1)}s`;

export interface PulumiResult {
    stdout: string;
    stderr: string;
    status: number;
}

export interface PulumiEnvOptions {
    /** Toolchain bin dir (default: ensureToolchain()). */
    binDir?: string;
    /** Kubeconfig for programs and providers (default: the project's cluster). */
    kubeconfig?: string;
    /** Extra environment variables. */
    env?: Record<string, string>;
}

/** Environment variables that must not leak from the caller into a test's Pulumi runs. */
const scrubbed = [
    "PULUMI_ACCESS_TOKEN",
    "PULUMI_BACKEND_URL",
    "PULUMI_HOME",
    "PULUMI_IGNORE_AMBIENT_PLUGINS",
    "PULUMI_CONFIG_PASSPHRASE_FILE",
    "PULUMI_STACK",
    "KUBECONFIG",
    "KUBERNETES_SERVICE_HOST",
    "KUBERNETES_SERVICE_PORT",
];

/** An isolated Pulumi CLI environment: its own PULUMI_HOME and file:// backend in a temp dir. */
export class PulumiEnv {
    readonly dir: string;
    readonly home: string;
    readonly backendDir: string;
    readonly binDir: string;
    readonly kubeconfig: string;
    readonly env: Record<string, string>;

    constructor(opts: PulumiEnvOptions = {}) {
        this.binDir = opts.binDir ?? ensureToolchain();
        this.kubeconfig = opts.kubeconfig ?? kubeconfigPath();
        this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "omnia-e2e-"));
        this.home = path.join(this.dir, "pulumi-home");
        this.backendDir = path.join(this.dir, "backend");
        fs.mkdirSync(this.home);
        fs.mkdirSync(this.backendDir);
        const base: Record<string, string> = {};
        for (const [k, v] of Object.entries(process.env)) {
            if (v !== undefined && !scrubbed.includes(k)) {
                base[k] = v;
            }
        }
        this.env = {
            ...base,
            PATH: `${this.binDir}${path.delimiter}${process.env.PATH ?? ""}`,
            PULUMI_HOME: this.home,
            PULUMI_BACKEND_URL: `file://${this.backendDir}`,
            PULUMI_CONFIG_PASSPHRASE: "omnia-e2e-passphrase",
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
            PULUMI_SKIP_CONFIRMATIONS: "true",
            PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
            KUBECONFIG: this.kubeconfig,
            // Pulumi's Java host runs Maven (mvn compile exec:java): the project's repository, no colours.
            MAVEN_OPTS: `-Dmaven.repo.local=${MAVEN_REPOSITORY} -Dstyle.color=never`,
            ...(opts.env ?? {}),
        };
    }

    /** Path of the pulumi binary used. */
    get pulumiPath(): string {
        return path.join(this.binDir, "pulumi");
    }

    /** Run `pulumi ARGS` in CWD; throws on a non-zero exit unless allowFailure. */
    run(args: string[], cwd: string, opts: { allowFailure?: boolean; timeoutMs?: number } = {}): PulumiResult {
        const r: SpawnSyncReturns<string> = spawnSync(this.pulumiPath, [...args, "--non-interactive"], {
            cwd,
            env: this.env,
            encoding: "utf8",
            maxBuffer: 256 * 1024 * 1024,
            timeout: opts.timeoutMs ?? 20 * 60 * 1000,
        });
        if (r.error) {
            throw r.error;
        }
        const res = { stdout: r.stdout, stderr: r.stderr, status: r.status ?? -1 };
        if (res.status !== 0 && !opts.allowFailure) {
            throw new Error(`pulumi ${args.join(" ")} exited ${res.status}\n--- stdout\n${res.stdout}\n--- stderr\n${res.stderr}`);
        }
        return res;
    }

    stackInit(stack: string, cwd: string): PulumiResult {
        return this.run(["stack", "init", stack], cwd);
    }

    configSet(stack: string, key: string, value: string, cwd: string, secret = false): PulumiResult {
        return this.run(["config", "set", "--stack", stack, ...(secret ? ["--secret"] : []), key, value], cwd);
    }

    up(stack: string, cwd: string): PulumiResult {
        return this.run(["up", "--stack", stack, "--yes", "--skip-preview"], cwd);
    }

    preview(stack: string, cwd: string, extra: string[] = []): PulumiResult {
        return this.run(["preview", "--stack", stack, ...extra], cwd);
    }

    stackOutputs(stack: string, cwd: string): Record<string, unknown> {
        return JSON.parse(this.run(["stack", "output", "--stack", stack, "--json", "--show-secrets"], cwd).stdout);
    }

    destroy(stack: string, cwd: string): PulumiResult {
        return this.run(["destroy", "--stack", stack, "--yes", "--skip-preview"], cwd);
    }

    stackRm(stack: string, cwd: string): PulumiResult {
        return this.run(["stack", "rm", "--stack", stack, "--yes", "--force"], cwd, { allowFailure: true });
    }

    /** Remove the temp dir (PULUMI_HOME and backend). */
    cleanup(): void {
        fs.rmSync(this.dir, { recursive: true, force: true });
    }
}

/**
 * Copy a program dir (tests/e2e/programs/NAME) under destRoot, so Pulumi.<stack>.yaml files stay
 * out of the clone. Not for TypeScript programs, which must stay inside the repo tree for node to
 * resolve @pulumi/* from the repo's node_modules.
 */
export function copyProgram(name: string, destRoot: string): string {
    const src = path.join(programsDir, name);
    const dest = path.join(destRoot, name);
    fs.cpSync(src, dest, { recursive: true });
    return dest;
}

/**
 * Gives a Python program (Pulumi.yaml `virtualenv: venv`) a `venv` link to the toolchain's venv,
 * with the generated SDK (sdk/python) installed in it.
 */
export function linkPythonVenv(dir: string): void {
    const venv = path.join(toolchainRoot(), "venv");
    execFileSync(path.join(venv, "bin", "pip"), ["install", "--quiet", "-e", path.join(repoRoot, "sdk/python")], { stdio: "pipe" });
    fs.rmSync(path.join(dir, "venv"), { force: true });
    fs.symlinkSync(venv, path.join(dir, "venv"));
}

/** Maven's local repository for the tests: outside the clone, kept between runs like the Go caches. */
export const MAVEN_REPOSITORY = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "pulumi-omnia", "maven", "repository");
/** mvn in batch mode against that repository. */
export function mvn(args: string[], cwd: string): string {
    return run("mvn", ["-B", "-q", "-Dstyle.color=never", `-Dmaven.repo.local=${MAVEN_REPOSITORY}`, ...args], cwd);
}

let javaSdkInstalled = false;
/**
 * Builds the generated Java SDK (sdk/java: jar, sources and javadoc jars) and installs it in the test repository
 * as com.altairalabs:omnia, where the Java programs' pom.xml finds it; once per run, so a run never uses the
 * SDK of an earlier checkout.
 */
export function installJavaSdk(): void {
    if (javaSdkInstalled) return;
    const t0 = Date.now();
    mvn(["install"], path.join(repoRoot, "sdk", "java"));
    console.log(`      [java] sdk/java built and installed in ${seconds(t0)}`);
    javaSdkInstalled = true;
}

/** Runs a command (npm, go, pip, tar, ...) and returns its stdout; a failure quotes its output. */
export function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
    try {
        return execFileSync(cmd, args, { cwd, env, encoding: "utf8", stdio: "pipe", maxBuffer: 64 * 1024 * 1024 });
    } catch (e: any) {
        throw new Error(`${cmd} ${args.join(" ")} (in ${cwd}) failed:\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
    }
}

/** Links a TypeScript program's `file:` dependency on this package (npm run build first). */
export function linkPackage(dir: string): void {
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--no-package-lock"], { cwd: dir, stdio: "pipe" });
}

/** The examples/<language> programs: the source document's production agent in each language. */
export const EXAMPLE_LANGUAGES = ["typescript", "python", "go", "yaml", "java"] as const;
export type ExampleLanguage = (typeof EXAMPLE_LANGUAGES)[number];

/** An example's directory, with what it needs next to it: the package link, the SDK in a venv, the SDK in Maven's repository. */
export function prepareExample(language: ExampleLanguage): string {
    const dir = path.join(repoRoot, "examples", language);
    if (language === "typescript") linkPackage(dir);
    if (language === "python") linkPythonVenv(dir);
    if (language === "java") installJavaSdk();
    return dir;
}

/** The JSON values of a stream of concatenated (possibly pretty-printed) JSON documents. */
export function jsonValues(text: string): unknown[] {
    const values: unknown[] = [];
    let depth = 0,
        start = -1,
        inString = false,
        escaped = false;
    for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        if (inString) {
            if (escaped) escaped = false;
            else if (ch === "\\") escaped = true;
            else if (ch === '"') inString = false;
        } else if (ch === '"') inString = true;
        else if (ch === "{" || ch === "[") {
            if (depth++ === 0) start = i;
        } else if (ch === "}" || ch === "]") {
            if (--depth === 0) values.push(JSON.parse(text.slice(start, i + 1)));
        }
    }
    return values;
}

/** What `pulumi up|preview --json` reports: the engine's steps per resource and the policy violations. */
export interface EngineEvents {
    /** `type::name` -> the step ops, in order (e.g. ["update"]). */
    ops: Record<string, string[]>;
    /** `type::name` -> the properties the provider reported as changed (detailedDiff keys). */
    diffs: Record<string, string[]>;
    policies: { policy: string; level: string; message: string; urn: string }[];
}

/** Parses the JSON of `pulumi up --json` (a stream of engine events) or `pulumi preview --json` (one object with `steps`). */
export function engineEvents(out: string): EngineEvents {
    const events: EngineEvents = { ops: {}, diffs: {}, policies: [] };
    const key = (urn: string, type: string) => `${type}::${urn.split("::").pop()}`;
    const step = (s: any) => {
        if (!s?.urn) return;
        const k = key(s.urn, s.type ?? s.newState?.type ?? s.oldState?.type);
        (events.ops[k] ??= []).push(s.op);
        if (s.detailedDiff) (events.diffs[k] ??= []).push(...Object.keys(s.detailedDiff));
    };
    for (const value of jsonValues(out)) {
        const v = value as any;
        if (Array.isArray(v.steps)) v.steps.forEach(step);
        if (v.resourcePreEvent) step(v.resourcePreEvent.metadata);
        const p = v.policyEvent;
        if (p) events.policies.push({ policy: p.policyName, level: p.enforcementLevel, message: p.message, urn: p.resourceUrn ?? "" });
    }
    return events;
}
