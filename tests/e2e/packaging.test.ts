// Issue 14: the package as users install it, not as this checkout runs it.
// - `npm pack` of the checkout installs into an empty TypeScript project with the lowest and the pinned
//   peer versions of @pulumi/pulumi and @pulumi/kubernetes, one copy of each; the README quickstart
//   compiles with `tsc --strict` and runs (Pulumi mocks: the agent's objects are registered).
// - The Python SDK builds as a wheel and an sdist; the wheel, installed in a fresh venv, runs the
//   Python example through the real CLI (`pulumi preview` against the local control plane).
// - `go get` of the Go SDK module at the release version (from a GOPROXY directory holding the module
//   zip of sdk/, as the proxy serves the tag sdk/v<version>) and a program using it builds.
// - The policy pack, packed, extracted outside the checkout and installed with its own dependencies,
//   runs on `pulumi preview --policy-pack <installed copy>`.
// Needs the npm, PyPI and Go module registries (their caches make a second run fast).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as semver from "semver";

import { E2E_RUNTIME_IMAGE, kubectl, linkPackage, PulumiEnv, repoRoot, run } from "./pulumiEnv";

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
const NAMESPACE = "omnia-e2e-packaging";
const PEERS = ["@pulumi/pulumi", "@pulumi/kubernetes"] as const;

/** `npm pack` of the checkout (or one of its workspaces) into dir; returns the tarball's path. */
function npmPack(dir: string, workspace?: string): string {
    const args = ["pack", "--json", "--pack-destination", dir, ...(workspace ? ["--workspace", workspace] : [])];
    const [{ filename }] = JSON.parse(run("npm", args, repoRoot));
    return path.join(dir, filename);
}

/** The README's TypeScript quickstart, as a user copies it. */
function quickstart(): string {
    const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Quickstart (TypeScript)"));
    return /```typescript\n([\s\S]*?)```/.exec(section)![1];
}

/** Runs the compiled quickstart under Pulumi's mocks (an update, so outputs are known); prints what it registered. */
const MOCK_RUNNER = `
const pulumi = require("@pulumi/pulumi");
const registered = [];
pulumi.runtime.setMocks({
    newResource: (args) => { registered.push({ type: args.type, name: args.name, namespace: args.inputs.metadata && args.inputs.metadata.namespace }); return { id: args.name + "-id", state: args.inputs }; },
    call: (args) => args.inputs,
}, "app", "dev", false);
const program = require("./out/index.js");
program.endpoint.apply((endpoint) => setTimeout(() => console.log(JSON.stringify({ endpoint, registered })), 200));
`;

describe("e2e: the package as users install it (issue 14)", function () {
    let env: PulumiEnv;
    let tmp: string;
    let tarball: string;

    before(function () {
        env = new PulumiEnv();
        tmp = fs.mkdtempSync(path.join(env.dir, "packaging-"));
        tarball = npmPack(tmp);
    });

    after(function () {
        env?.cleanup();
    });

    it("the npm tarball ships the compiled package, the plugin, LICENSE and CHANGELOG, and no sources, maps or tests", function () {
        const files = run("tar", ["tzf", tarball], tmp)
            .trim()
            .split("\n")
            .map((f) => f.replace(/^package\//, ""));
        for (const f of [
            "package.json",
            "README.md",
            "LICENSE",
            "CHANGELOG.md",
            "provider/bin/index.js",
            "provider/bin/index.d.ts",
            "provider/bin/cli/main.js",
            "provider/bin/plugin/main.js",
            "provider/index.js",
            "provider/PulumiPlugin.yaml",
            "provider/schema.json",
            "provider/schemas/promptpack.schema.json",
        ]) {
            assert.ok(files.includes(f), `${f} is shipped`);
        }
        assert.deepStrictEqual(
            files.filter((f) => /\.map$|^provider\/src\/|^tests\/|^bench\/|^policy-pack\/|^toolchain\//.test(f)),
            [],
        );
        assert.match(fs.readFileSync(path.join(repoRoot, "LICENSE"), "utf8"), /^\s+Apache License\n\s+Version 2\.0, January 2004/);
    });

    const cases = [
        { label: "lowest", versions: PEERS.map((p) => semver.minVersion(manifest.peerDependencies[p])!.version) },
        { label: "pinned", versions: PEERS.map((p) => manifest.devDependencies[p] as string) },
    ];
    for (const { label, versions } of cases) {
        const peers = PEERS.map((p, i) => `${p}@${versions[i]}`);
        it(`installs with the ${label} peers (${peers.join(", ")}) as one copy each; the README quickstart compiles under tsc --strict and runs`, function () {
            const app = path.join(tmp, `app-${label}`);
            fs.mkdirSync(app);
            fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "app", private: true }));
            run(
                "npm",
                [
                    "install",
                    "--no-audit",
                    "--no-fund",
                    tarball,
                    ...peers,
                    `typescript@${manifest.devDependencies.typescript}`,
                    `@types/node@${manifest.devDependencies["@types/node"]}`,
                ],
                app,
            );

            for (const [i, peer] of PEERS.entries()) {
                const copies = run("npm", ["ls", peer, "--all", "--parseable"], app).trim().split("\n");
                assert.deepStrictEqual(copies, [path.join(app, "node_modules", peer)], `one ${peer}`);
                assert.strictEqual(JSON.parse(fs.readFileSync(path.join(copies[0], "package.json"), "utf8")).version, versions[i]);
            }

            fs.writeFileSync(path.join(app, "index.ts"), quickstart());
            fs.writeFileSync(
                path.join(app, "tsconfig.json"),
                JSON.stringify({
                    compilerOptions: { strict: true, target: "ES2022", module: "commonjs", moduleResolution: "node", esModuleInterop: true, types: ["node"], outDir: "out" },
                    files: ["index.ts"],
                }),
            );
            run("npx", ["tsc", "-p", "."], app); // no skipLibCheck: the package's .d.ts files are checked too

            fs.writeFileSync(path.join(app, "run.js"), MOCK_RUNNER);
            const config = JSON.stringify({ "app:anthropicApiKey": "sk-ant-mock", "omnia:runtimeImage": E2E_RUNTIME_IMAGE });
            const out = JSON.parse(
                run("node", ["run.js"], app, { ...process.env, PULUMI_CONFIG: config })
                    .trim()
                    .split("\n")
                    .pop()!,
            );
            assert.strictEqual(out.endpoint, "production-agent.agents.svc.cluster.local:8080");
            const objects = out.registered
                .filter((r: any) => r.type.startsWith("kubernetes:"))
                .map((r: any) => `${r.type} ${r.name} ${r.namespace}`)
                .sort();
            for (const expected of [
                "kubernetes:apps/v1:Deployment production-agent agents",
                "kubernetes:core/v1:Service production-agent agents",
                "kubernetes:keda.sh/v1alpha1:ScaledObject production-agent agents",
                "kubernetes:core/v1:Secret claude-production-credentials agents",
            ]) {
                assert.ok(objects.includes(expected), `${expected} in\n${objects.join("\n")}`);
            }
        });
    }

    it("go get fetches the Go SDK module at a release version (no replace) and a program using it builds", function () {
        const goMod = fs.readFileSync(path.join(repoRoot, "sdk", "go.mod"), "utf8");
        const modulePath = /^module (\S+)$/m.exec(goMod)![1];
        assert.strictEqual(modulePath, "github.com/altairalabs/pulumi-omnia/sdk");
        // A GOPROXY directory holding the module zip of sdk/ at v<version>, as the proxy serves tag sdk/v<version>.
        const proxy = path.join(tmp, "goproxy");
        const version = `v${manifest.version}`;
        const goEnv = { ...process.env, GOSUMDB: "off", GOFLAGS: "-mod=mod", GOPROXY: `file://${proxy},${run("go", ["env", "GOPROXY"], tmp).trim()}` };
        run("go", ["run", ".", modulePath, version, path.join(repoRoot, "sdk"), proxy], path.join(__dirname, "gomodproxy"), goEnv);

        const program = path.join(tmp, "go-program");
        fs.mkdirSync(program);
        fs.writeFileSync(path.join(program, "go.mod"), "module example.com/agents\n\ngo 1.25\n");
        fs.writeFileSync(
            path.join(program, "main.go"),
            [
                "package main",
                "",
                "import (",
                '\t"github.com/altairalabs/pulumi-omnia/sdk/go/omnia"',
                '\t"github.com/pulumi/pulumi/sdk/v3/go/pulumi"',
                ")",
                "",
                "func main() {",
                "\tpulumi.Run(func(ctx *pulumi.Context) error {",
                '\t\tagent, err := omnia.NewAgentRuntime(ctx, "agent", &omnia.AgentRuntimeArgs{',
                '\t\t\tSpec: &omnia.AgentRuntimeSpecArgs{ProviderRef: &omnia.ProviderRefArgs{Name: pulumi.String("claude")}},',
                "\t\t})",
                "\t\tif err != nil {",
                "\t\t\treturn err",
                "\t\t}",
                '\t\tctx.Export("endpoint", agent.ServiceEndpoint)',
                "\t\treturn nil",
                "\t})",
                "}",
                "",
            ].join("\n"),
        );
        run("go", ["get", `${modulePath}@${version}`], program, goEnv);
        run("go", ["mod", "tidy"], program, goEnv);
        const required = fs.readFileSync(path.join(program, "go.mod"), "utf8");
        assert.match(required, new RegExp(`^(require )?\\s*${modulePath.replace(/\./g, "\\.")} ${version.replace(/\./g, "\\.")}$`, "m"));
        assert.doesNotMatch(required, /replace/);
        run("go", ["build", "-o", path.join(program, "agents"), "."], program, goEnv);
        assert.ok(fs.statSync(path.join(program, "agents")).size > 0);
    });

    describe("against the local control plane", function () {
        before(function () {
            kubectl(["create", "namespace", NAMESPACE]);
        });
        after(function () {
            kubectl(["delete", "namespace", NAMESPACE, "--wait=false"]);
        });

        it("the Python SDK builds a wheel and an sdist; the wheel in a fresh venv runs the Python example (pulumi preview)", function () {
            const python = path.join(tmp, "python");
            fs.cpSync(path.join(repoRoot, "sdk", "python"), path.join(python, "sdk"), { recursive: true }); // build/ and egg-info stay out of the checkout
            run("python3", ["-m", "venv", path.join(python, "build-venv")], python);
            run(path.join(python, "build-venv", "bin", "pip"), ["install", "--quiet", "build==1.2.2.post1", "setuptools==80.9.0", "wheel==0.45.1"], python);
            run(path.join(python, "build-venv", "bin", "python"), ["-m", "build", "--no-isolation", "--outdir", path.join(python, "dist"), path.join(python, "sdk")], python);
            const dist = fs.readdirSync(path.join(python, "dist")).sort();
            assert.deepStrictEqual(dist, [`altairalabs_pulumi_omnia-${manifest.version}-py3-none-any.whl`, `altairalabs_pulumi_omnia-${manifest.version}.tar.gz`]);
            const metadata = run("unzip", ["-p", path.join(python, "dist", dist[0]), `altairalabs_pulumi_omnia-${manifest.version}.dist-info/METADATA`], python);
            assert.match(metadata, /^Name: altairalabs_pulumi_omnia$/m);
            assert.match(metadata, /^Classifier: Development Status :: 3 - Alpha$/m);
            assert.match(metadata, /^Requires-Dist: pulumi<4\.0\.0,>=3\.248\.0$/m);
            assert.match(metadata, /pulumi package add github\.com\/altairalabs\/pulumi-omnia@v/); // the README is the long description

            const program = path.join(python, "program");
            fs.mkdirSync(program);
            fs.copyFileSync(path.join(repoRoot, "examples", "python", "__main__.py"), path.join(program, "__main__.py"));
            const project = fs.readFileSync(path.join(repoRoot, "examples", "python", "Pulumi.yaml"), "utf8");
            assert.match(project, /path: \.\.\/\.\.\/provider/);
            fs.writeFileSync(path.join(program, "Pulumi.yaml"), project.replace("path: ../../provider", `path: ${path.join(repoRoot, "provider")}`));
            run("python3", ["-m", "venv", path.join(program, "venv")], program);
            run(
                path.join(program, "venv", "bin", "pip"),
                ["install", "--quiet", path.join(python, "dist", dist[0]), `pulumi==${manifest.devDependencies["@pulumi/pulumi"]}`],
                program,
            );

            const stack = "wheel";
            env.stackInit(stack, program);
            env.configSet(stack, "namespace", NAMESPACE, program);
            env.configSet(stack, "anthropicApiKey", "sk-ant-e2e-wheel", program, true);
            env.configSet(stack, "omnia:runtimeImage", E2E_RUNTIME_IMAGE, program);
            const preview = JSON.parse(env.run(["preview", "--stack", stack, "--json"], program).stdout);
            const planned = (preview.steps ?? []).map((s: any) => s.newState).filter((s: any) => s?.type.startsWith("kubernetes:") && !s.type.startsWith("pulumi:"));
            const deployment = planned.find((s: any) => s.type === "kubernetes:apps/v1:Deployment");
            assert.strictEqual(deployment.inputs.metadata.name, "production-agent");
            assert.strictEqual(deployment.inputs.metadata.namespace, NAMESPACE);
            assert.strictEqual(planned.length, 12, planned.map((s: any) => s.type).join("\n"));
        });

        it("the policy pack, packed and installed outside the checkout with its own dependencies, runs on pulumi preview", function () {
            const packTarball = npmPack(tmp, "policy-pack");
            const installed = path.join(tmp, "installed-policy");
            fs.mkdirSync(installed);
            run("tar", ["xzf", packTarball, "-C", installed, "--strip-components", "1"], tmp);
            assert.ok(!fs.existsSync(path.join(installed, "provider")), "no sources: the rules the pack shares with the component are compiled into bin/");
            run("npm", ["install", "--omit=dev", "--no-audit", "--no-fund", "--no-package-lock"], installed);
            const deps = Object.keys(JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8")).dependencies).sort();
            assert.deepStrictEqual(deps, ["@pulumi/policy", "@pulumi/pulumi", "ajv", "semver", "zod"]);

            const dir = path.join(repoRoot, "examples", "typescript");
            linkPackage(dir);
            const stack = "packaging-policy";
            try {
                env.stackInit(stack, dir);
                env.configSet(stack, "namespace", NAMESPACE, dir);
                env.configSet(stack, "anthropicApiKey", "sk-ant-e2e-policy", dir, true);
                env.configSet(stack, "omnia:runtimeImage", E2E_RUNTIME_IMAGE, dir);
                env.run(["stack", "tag", "set", "--stack", stack, "environment", "production"], dir);
                const r = env.run(["preview", "--stack", stack, "--policy-pack", installed], dir, { allowFailure: true });
                assert.notStrictEqual(r.status, 0, `a mandatory violation fails the preview:\n${r.stdout}\n${r.stderr}`);
                assert.match(r.stdout, /- \[mandatory\] \[severity: \w+\]\s+agent-replicas-redundant\s+\(omnia:index:AgentRuntime: production-agent\)/);
                const violations = r.stdout.split("\n").filter((l) => /^\s*- \[(mandatory|advisory)\]/.test(l));
                assert.strictEqual(violations.length, 1, r.stdout);
            } finally {
                env.stackRm(stack, dir);
                fs.rmSync(path.join(dir, `Pulumi.${stack}.yaml`), { force: true });
            }
        });
    });
});
