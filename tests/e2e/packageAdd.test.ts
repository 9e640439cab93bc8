// Issue 14: `pulumi package add <path to provider/>` with the real CLI, as Pulumi documents it for
// source-based component packages. In a Python, Go, YAML and TypeScript program the CLI installs the
// plugin's dependencies, runs it for its schema, has the program's language host generate the SDK
// into sdks/omnia and link it (requirements.txt and the project's venv, go.mod require + replace,
// package.json file: dependency), and records the package under `packages:` in Pulumi.yaml; then
// `pulumi preview` plans the agent against the local control plane. A fresh copy of each program as
// a teammate clones it (Pulumi.yaml with `packages:`, no sdks/, no venv, no node_modules) gets
// everything back from `pulumi install`. The Python agent is also deployed (`pulumi up`) and read
// back with kubectl; the plugin of an installed copy of the npm package (node_modules/<package>/provider)
// and of a fresh git clone (built by `npm install` in provider/, as the CLI runs it) are added to YAML programs.
//
// Offline notes: the plugin depends on @pulumi/kubernetes, so the CLI wants the kubernetes plugin at
// that version in its plugin cache (it would download it): the test installs the toolchain's binary
// there. `go mod tidy` cannot reach sum.golang.org from here: GOSUMDB=off, as scripts/toolchain does.
// Needs the npm, PyPI and Go module registries (their caches make a second run fast).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";

import { copyProgram, E2E_RUNTIME_IMAGE, getJson, kubectl, PulumiEnv, repoRoot, run, seconds, versions } from "./pulumiEnv";

const PLUGIN = path.join(repoRoot, "provider");
const NAMESPACE = "omnia-e2e-package-add";
const API_KEY = "sk-ant-e2e-package-add";
const LANGUAGES = ["py", "go", "yaml", "ts"] as const;
type Language = (typeof LANGUAGES)[number];

/** What `pulumi package add` leaves next to the program and a clone does not have. */
const GENERATED = ["sdks", "venv", "node_modules"];

/** Every file under dir (relative path -> content), build and install output left out. */
function tree(dir: string, prefix = ""): Record<string, string> {
    const files: Record<string, string> = {};
    for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
        const rel = path.join(prefix, entry.name);
        if (/(^|\/)(node_modules|bin|build|__pycache__|[^/]*\.egg-info)$/.test(rel)) continue;
        if (entry.isDirectory()) Object.assign(files, tree(dir, rel));
        else files[rel] = fs.readFileSync(path.join(dir, rel), "utf8");
    }
    return files;
}

const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), "utf8");
const lines = (text: string) => text.split("\n").filter((l) => l.trim() !== "");

/** Resources a preview plans (`type::name` -> inputs), the stack and providers left out. */
function plannedResources(previewJson: string): Record<string, any> {
    const steps: { newState?: { type: string; urn: string; inputs: unknown } }[] = JSON.parse(previewJson).steps ?? [];
    const plan: Record<string, any> = {};
    for (const { newState: s } of steps) {
        if (!s || s.type === "pulumi:pulumi:Stack" || s.type.startsWith("pulumi:providers:")) continue;
        plan[`${s.type}::${s.urn.split("::").pop()}`] = s.inputs;
    }
    return plan;
}

/** The agent programs/package-add-<lang> declare, with its companions and the objects they render. */
function expectedResources(language: string): string[] {
    const n = `pkgadd-${language}`;
    return [
        `omnia:index:AgentRuntime::${n}`,
        `omnia:index:LlmProvider::${n}-llm`,
        `omnia:index:PromptPack::${n}-prompts`,
        `kubernetes:apps/v1:Deployment::${n}`,
        `kubernetes:core/v1:ConfigMap::${n}-llm-descriptor`,
        `kubernetes:core/v1:ConfigMap::${n}-prompts-descriptor`,
        `kubernetes:core/v1:ConfigMap::${n}-prompts-v1.0.0`,
        `kubernetes:core/v1:Secret::${n}-llm-credentials`,
        `kubernetes:core/v1:Service::${n}`,
        `kubernetes:core/v1:ServiceAccount::${n}`,
        `kubernetes:networking.k8s.io/v1:NetworkPolicy::${n}`,
    ].sort();
}

/** Images of a Deployment's pod template (init containers: the runtime is a native sidecar). */
function images(deployment: any): string[] {
    const spec = deployment.spec.template.spec;
    return [...(spec.initContainers ?? []), ...(spec.containers ?? [])].map((c: { image: string }) => c.image).sort();
}

describe("e2e: pulumi package add and pulumi install of the plugin (issue 14)", function () {
    let env: PulumiEnv;
    let work: string;
    let schema: any;
    const plans: Partial<Record<Language, Record<string, any>>> = {};
    const added: Partial<Record<Language, string>> = {};

    before(function () {
        env = new PulumiEnv({ env: { GOSUMDB: "off" } });
        work = fs.mkdtempSync(path.join(env.dir, "programs-"));
        // The version the plugin's @pulumi/kubernetes declares: the CLI installs that plugin with the
        // plugin's dependencies. The toolchain's provider binary, installed as that version.
        const k8s = versions().PULUMI_KUBERNETES_VERSION.replace(/^v/, "");
        env.run(["plugin", "install", "resource", "kubernetes", k8s, "--file", path.join(env.binDir, "pulumi-resource-kubernetes")], env.dir);
        schema = JSON.parse(env.run(["package", "get-schema", PLUGIN], env.dir).stdout);
        kubectl(["create", "namespace", NAMESPACE]);
    });

    after(function () {
        kubectl(["delete", "namespace", NAMESPACE, "--wait=false"]);
        env?.cleanup();
        // A run leaves the plugin's schema (GetSchema's JSON) as schema-<name>.json next to provider/;
        // where in the CLI's add flow it is written is not pinned down. Not part of the checkout.
        if (schema) fs.rmSync(path.join(repoRoot, `schema-${schema.name}.json`), { force: true });
    });

    /** Stack config of a copy of programs/package-add-<lang>, then its preview's plan. */
    function preview(stack: string, dir: string): Record<string, any> {
        env.stackInit(stack, dir);
        env.configSet(stack, "namespace", NAMESPACE, dir);
        env.configSet(stack, "anthropicApiKey", API_KEY, dir, true);
        env.configSet(stack, "omnia:runtimeImage", E2E_RUNTIME_IMAGE, dir);
        const out = env.run(["preview", "--stack", stack, "--json"], dir).stdout;
        assert.ok(!out.includes(API_KEY), "the API key stays secret in the preview");
        return plannedResources(out);
    }

    function assertPlan(language: Language, plan: Record<string, any>): void {
        assert.deepStrictEqual(Object.keys(plan).sort(), expectedResources(language));
        const deployment = plan[`kubernetes:apps/v1:Deployment::pkgadd-${language}`];
        assert.strictEqual(deployment.metadata.namespace, NAMESPACE);
        assert.ok(images(deployment).includes(E2E_RUNTIME_IMAGE), `runtime image in ${images(deployment)}`);
    }

    /** What the program's language host linked, as Pulumi's own hosts would. */
    function assertLinked(language: Language, dir: string, output: string): void {
        const sdk = path.join(dir, "sdks", schema.name);
        const plugin = { resource: true, name: schema.name, version: schema.version };
        if (language === "py") {
            const module = schema.language.python.packageName;
            assert.deepStrictEqual(lines(read(dir, "requirements.txt")), ["pulumi==3.248.0", `sdks/${schema.name}`]);
            assert.match(read(sdk, "pyproject.toml"), new RegExp(`^  name = "${module}"$`, "m"));
            assert.deepStrictEqual(JSON.parse(read(sdk, `${module}/pulumi-plugin.json`)), plugin);
            // Installed into the program's own venv (a wheel built from sdks/omnia, not an editable link).
            const where = run(path.join(dir, "venv/bin/python"), ["-c", `import ${module}; print(${module}.__file__)`], dir).trim();
            assert.strictEqual(path.relative(dir, where).split(path.sep).slice(0, 2).join("/"), "venv/lib");
            assert.ok(output.includes(`import ${module} as ${schema.name}`), output);
        } else if (language === "go") {
            const importPath: string = schema.language.go.importBasePath;
            const module: string = schema.language.go.modulePath ?? path.posix.dirname(importPath);
            assert.strictEqual(lines(read(sdk, "go.mod"))[0], `module ${module}`);
            assert.deepStrictEqual(JSON.parse(read(sdk, `${path.posix.basename(importPath)}/pulumi-plugin.json`)), plugin);
            const goMod = lines(read(dir, "go.mod")).map((l) => l.trim());
            assert.ok(goMod.includes(`${module} v0.0.0`), `require ${module} in\n${goMod.join("\n")}`);
            assert.ok(goMod.includes(`replace ${module} => ./sdks/${schema.name}`), `replace ${module} in\n${goMod.join("\n")}`);
            assert.match(read(dir, "go.sum"), /^github\.com\/pulumi\/pulumi\/sdk\/v3 v3\.248\.0 h1:/m); // go mod tidy ran
            assert.ok(output.includes(`import ${schema.name} "${importPath}"`), output);
        } else if (language === "yaml") {
            assert.deepStrictEqual(YAML.parse(read(sdk, `${schema.name}-${schema.version}.yaml`)), { packageDeclarationVersion: 1, name: schema.name, version: schema.version });
        } else {
            const pkg = schema.language.nodejs.packageName;
            const manifest = JSON.parse(read(dir, "package.json"));
            assert.strictEqual(manifest.dependencies[pkg], `file:sdks/${schema.name}`);
            assert.deepStrictEqual(manifest.allowScripts, { [`file:sdks/${schema.name}`]: true });
            assert.strictEqual(fs.realpathSync(path.join(dir, "node_modules", pkg)), fs.realpathSync(sdk));
            assert.ok(fs.existsSync(path.join(sdk, "bin/index.js")), "the SDK compiled itself on install");
            assert.strictEqual(JSON.parse(read(sdk, "package.json")).pulumi.name, schema.name);
            assert.ok(output.includes(`import * as ${schema.name} from "${pkg}";`), output);
        }
    }

    for (const language of LANGUAGES) {
        it(`${language}: pulumi package add generates and links the SDK, records the package, and pulumi preview plans the agent`, function () {
            const t0 = Date.now();
            const dir = copyProgram(`package-add-${language}`, work);
            const r = env.run(["package", "add", PLUGIN], dir);
            const output = r.stdout + r.stderr;
            console.log(`      [package add ${language}] ${seconds(t0)}`);
            assert.ok(output.includes(`Added package ${schema.displayName}`), output);
            assert.deepStrictEqual(YAML.parse(read(dir, "Pulumi.yaml")).packages, { [schema.name]: PLUGIN });
            assertLinked(language, dir, output);
            added[language] = dir;
            const t1 = Date.now();
            const plan = preview(`pkgadd-${language}`, dir);
            console.log(`      [preview ${language}] ${seconds(t1)}`);
            assertPlan(language, plan);
            plans[language] = plan;
        });
    }

    for (const language of LANGUAGES) {
        it(`${language}: pulumi install in a fresh clone (packages: in Pulumi.yaml, no sdks/) generates, links and installs the same SDK`, function () {
            const original = added[language];
            assert.ok(original, `${language} was added`);
            const clone = path.join(work, `clone-${language}`);
            fs.cpSync(original, clone, {
                recursive: true,
                filter: (src) => !GENERATED.includes(path.relative(original, src)) && !/^Pulumi\..+\.yaml$/.test(path.basename(src)),
            });
            const t0 = Date.now();
            const r = env.run(["install"], clone);
            console.log(`      [install ${language}] ${seconds(t0)}`);
            assert.deepStrictEqual(tree(path.join(clone, "sdks")), tree(path.join(original, "sdks")));
            for (const file of ["Pulumi.yaml", "requirements.txt", "go.mod", "package.json"]) {
                if (fs.existsSync(path.join(original, file))) assert.strictEqual(read(clone, file), read(original, file), `${file} is as package add left it`);
            }
            // The same SDK and links as the original, installed: the clone runs what the original previewed
            // (not previewed again, to keep the suite's time).
            assertLinked(language, clone, r.stdout + r.stderr);
        });
    }

    it("py: pulumi up deploys the agent through the generated SDK (read back with kubectl), pulumi destroy removes it", function () {
        const dir = added.py;
        assert.ok(dir, "py was added");
        const stack = "pkgadd-py";
        const t0 = Date.now();
        env.up(stack, dir);
        console.log(`      [up py] ${seconds(t0)}`);
        assert.strictEqual(env.stackOutputs(stack, dir).serviceEndpoint, `pkgadd-py.${NAMESPACE}.svc.cluster.local:8080`);
        const deployment = getJson(["deployment", "pkgadd-py", "-n", NAMESPACE]);
        assert.deepStrictEqual(images(deployment), images(plans.py!["kubernetes:apps/v1:Deployment::pkgadd-py"]));
        const secret = getJson(["secret", "pkgadd-py-llm-credentials", "-n", NAMESPACE]);
        const values = Object.values(secret.data as Record<string, string>).map((b) => Buffer.from(b, "base64").toString());
        assert.deepStrictEqual(values, [API_KEY]);
        env.destroy(stack, dir);
        const left = kubectl(["get", "deployments,services,serviceaccounts,configmaps,secrets,networkpolicies", "-n", NAMESPACE, "-o", "name"]);
        assert.deepStrictEqual(
            lines(left).filter((l) => l.includes("pkgadd-py")),
            [],
        );
    });

    it("yaml: from a fresh git clone of the repository (what the CLI checks out for github.com/altairalabs/pulumi-omnia/provider@<tag>), package add builds the plugin and previews the same", function () {
        // The CLI only clones over https (a git:// or scheme-less source becomes https://), so the clone is
        // made here and added by path: the same directory the CLI would install from, with no node_modules
        // and no compiled code. Committed files only: run it on a clean tree.
        const clone = path.join(work, "git-clone");
        run("git", ["clone", "--quiet", repoRoot, clone], work);
        assert.ok(!fs.existsSync(path.join(clone, "provider", "bin")), "a clone has no compiled code");
        const dir = path.join(work, "git-yaml");
        fs.cpSync(path.join(repoRoot, "tests/e2e/programs/package-add-yaml"), dir, { recursive: true });
        const t0 = Date.now();
        env.run(["package", "add", path.join(clone, "provider")], dir);
        console.log(`      [package add from a clone: npm ci + build] ${seconds(t0)}`);
        assert.ok(fs.existsSync(path.join(clone, "provider", "bin", "plugin", "main.js")), "npm install in provider/ built the package");
        assertLinked("yaml", dir, "");
        assert.deepStrictEqual(preview("pkgadd-yaml-git", dir), plans.yaml);
    });

    it("yaml: the plugin of an installed copy of the npm package (node_modules/<package>/provider), declared under packages:, installs and previews the same", function () {
        const t0 = Date.now();
        const project = path.join(work, "installed");
        fs.mkdirSync(project);
        // The tarball of the checkout as built (npm run build); no prepack, so nothing is rebuilt here.
        const [{ filename }] = JSON.parse(run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", project], repoRoot));
        const name = JSON.parse(read(repoRoot, "package.json")).name;
        const v = versions();
        fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "installed", private: true }));
        // The peers at the versions the plugin's dependencies pin (the CLI installs the plugin they declare).
        run(
            "npm",
            [
                "install",
                "--no-audit",
                "--no-fund",
                path.join(project, filename),
                `@pulumi/pulumi@${v.PULUMI_NODE_SDK_VERSION}`,
                `@pulumi/kubernetes@${v.PULUMI_KUBERNETES_VERSION.replace(/^v/, "")}`,
            ],
            project,
        );
        const plugin = path.join(project, "node_modules", name, "provider");
        assert.ok(fs.existsSync(path.join(plugin, "PulumiPlugin.yaml")), "the tarball ships the plugin");
        console.log(`      [npm pack + install] ${seconds(t0)}`);

        const dir = path.join(work, "installed-yaml");
        fs.cpSync(path.join(repoRoot, "tests/e2e/programs/package-add-yaml"), dir, { recursive: true });
        if (name.includes("@")) {
            // The CLI (v3.248.0) reads PATH@VERSION: the scope's @ cuts a path into node_modules/@scope in
            // two, so `pulumi package add` cannot take it; the object form of a packages: entry has no version suffix.
            const r = env.run(["package", "add", plugin], dir, { allowFailure: true });
            assert.notStrictEqual(r.status, 0);
            assert.ok(r.stderr.includes(`unable to install ${plugin}: expected "" to have an executable named "pulumi-resource-" or a PulumiPlugin file`), r.stderr);
        }
        const source = path.relative(dir, plugin);
        fs.appendFileSync(path.join(dir, "Pulumi.yaml"), `packages:\n  ${schema.name}:\n    source: ${source}\n`);
        env.run(["install"], dir);
        assertLinked("yaml", dir, "");
        assert.deepStrictEqual(preview("pkgadd-yaml-installed", dir), plans.yaml);
    });
});
