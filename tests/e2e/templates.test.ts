// Issue 14: `pulumi new <template dir> --yes` with the real CLI for templates/agent-{typescript,python,yaml},
// then `pulumi preview` of the new project against the local control plane. The CLI copies the
// template, asks (here: takes the defaults of) its config prompts, installs the `packages:` it lists
// (the plugin, with a generated and linked SDK) and the project's dependencies through the language
// host, and creates the stack.
//
// Nothing is published yet, so each template is copied and its one reference to a published artifact
// is pointed at this checkout first: the npm dependency @altairalabs/pulumi-omnia at `npm pack` of
// the checkout, and the `packages:` source github.com/altairalabs/pulumi-omnia/provider@v<version>
// at the checkout's provider/. Everything else (npm, pip, the CLI's prompts) is as a user runs it.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";

import { E2E_RUNTIME_IMAGE, kubectl, PulumiEnv, repoRoot, run, seconds, versions } from "./pulumiEnv";

const NAMESPACE = "omnia-e2e-templates";
const API_KEY = "sk-ant-e2e-template";
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
const PUBLISHED_PLUGIN = `github.com/altairalabs/pulumi-omnia/provider@v${manifest.version}`;

/** The Kubernetes objects and components every template's agent plans (the same program in three languages). */
const EXPECTED = [
    "kubernetes:apps/v1:Deployment::assistant",
    "kubernetes:autoscaling/v2:HorizontalPodAutoscaler::assistant",
    "kubernetes:core/v1:ConfigMap::assistant-prompts-descriptor",
    "kubernetes:core/v1:ConfigMap::assistant-prompts-v1.0.0",
    "kubernetes:core/v1:ConfigMap::llm-descriptor",
    "kubernetes:core/v1:Secret::llm-credentials",
    "kubernetes:core/v1:Service::assistant",
    "kubernetes:core/v1:ServiceAccount::assistant",
    "kubernetes:networking.k8s.io/v1:NetworkPolicy::assistant",
    "kubernetes:policy/v1:PodDisruptionBudget::assistant",
    "omnia:index:AgentRuntime::assistant",
    "omnia:index:LlmProvider::llm",
    "omnia:index:PromptPack::assistant-prompts",
].sort();

describe("e2e: pulumi new from the templates (issue 14)", function () {
    let env: PulumiEnv;
    let work: string;
    let tarball: string;

    before(function () {
        env = new PulumiEnv({ env: { GOSUMDB: "off" } });
        work = fs.mkdtempSync(path.join(env.dir, "templates-"));
        // The plugin depends on @pulumi/kubernetes: the CLI installs that plugin version with it (a download
        // here otherwise). The toolchain's provider binary, installed as that version.
        const k8s = versions().PULUMI_KUBERNETES_VERSION.replace(/^v/, "");
        env.run(["plugin", "install", "resource", "kubernetes", k8s, "--file", path.join(env.binDir, "pulumi-resource-kubernetes")], env.dir);
        const [{ filename }] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work], repoRoot));
        tarball = path.join(work, filename);
        kubectl(["create", "namespace", NAMESPACE]);
    });

    after(function () {
        kubectl(["delete", "namespace", NAMESPACE, "--wait=false"]);
        env?.cleanup();
    });

    /** A copy of templates/NAME whose references to published artifacts point at this checkout. */
    function localTemplate(name: string): string {
        const dir = path.join(work, "templates", name);
        fs.cpSync(path.join(repoRoot, "templates", name), dir, { recursive: true });
        const project = path.join(dir, "Pulumi.yaml");
        const text = fs.readFileSync(project, "utf8");
        if (YAML.parse(text).packages) {
            assert.strictEqual(YAML.parse(text).packages.omnia, PUBLISHED_PLUGIN, "the template names the release of this version");
            fs.writeFileSync(project, text.replace(PUBLISHED_PLUGIN, path.join(repoRoot, "provider")));
        }
        const pkg = path.join(dir, "package.json");
        if (fs.existsSync(pkg)) {
            const deps = JSON.parse(fs.readFileSync(pkg, "utf8")).dependencies;
            assert.strictEqual(deps[manifest.name], `^${manifest.version}`, "the template depends on this version");
            assert.strictEqual(deps["@pulumi/pulumi"], manifest.devDependencies["@pulumi/pulumi"]);
            fs.writeFileSync(pkg, fs.readFileSync(pkg, "utf8").replace(`"^${manifest.version}"`, JSON.stringify(`file:${tarball}`)));
        }
        return dir;
    }

    for (const [template, language] of [
        ["agent-typescript", "nodejs"],
        ["agent-python", "python"],
        ["agent-yaml", "yaml"],
    ] as const) {
        it(`${template}: pulumi new --yes creates an installed project whose preview plans the agent`, function () {
            const source = localTemplate(template);
            const project = path.join(work, `my-${template}`);
            const t0 = Date.now();
            const created = env.run(
                [
                    "new",
                    source,
                    "--yes",
                    "--dir",
                    project,
                    "--name",
                    `my-${template}`,
                    "--stack",
                    "dev",
                    "--config",
                    `namespace=${NAMESPACE}`,
                    "--config",
                    `omnia:runtimeImage=${E2E_RUNTIME_IMAGE}`,
                ],
                work,
            );
            console.log(`      [pulumi new ${template}] ${seconds(t0)}`);
            assert.ok(created.stdout.includes("Your new project is ready to go!"), created.stdout + created.stderr);

            const generated = YAML.parse(fs.readFileSync(path.join(project, "Pulumi.yaml"), "utf8"));
            assert.strictEqual(generated.name, `my-${template}`);
            assert.strictEqual(generated.template, undefined, "the template section is not copied");
            assert.strictEqual(typeof generated.runtime === "string" ? generated.runtime : generated.runtime.name, language);
            const stackConfig = YAML.parse(fs.readFileSync(path.join(project, "Pulumi.dev.yaml"), "utf8")).config;
            assert.deepStrictEqual(stackConfig, {
                [`my-${template}:namespace`]: NAMESPACE,
                [`my-${template}:providerType`]: "claude",
                ...(language === "nodejs" ? {} : { [`my-${template}:model`]: "claude-sonnet-4-20250514" }),
                "omnia:runtimeImage": E2E_RUNTIME_IMAGE,
            });

            // What the install step left: the package itself (TypeScript), or the generated and linked SDK.
            if (language === "nodejs") {
                assert.ok(fs.existsSync(path.join(project, "node_modules", manifest.name, "provider", "bin", "index.js")));
                // `pulumi up` skips the type-check (tsconfig noCheck); `npm run typecheck` still catches a type error.
                run("npm", ["run", "typecheck"], project);
                const index = path.join(project, "index.ts");
                const source = fs.readFileSync(index, "utf8");
                fs.writeFileSync(index, `${source}\nexport const mistake: number = "text";\n`);
                assert.throws(() => run("npm", ["run", "typecheck"], project), /TS2322: Type 'string' is not assignable to type 'number'/);
                fs.writeFileSync(index, source);
            } else if (language === "python") {
                assert.deepStrictEqual(fs.readFileSync(path.join(project, "requirements.txt"), "utf8").trim().split("\n"), ["pulumi==3.248.0", "sdks/omnia"]);
                run(path.join(project, "venv", "bin", "python"), ["-c", "import altairalabs_pulumi_omnia"], project);
            } else {
                assert.ok(fs.existsSync(path.join(project, "sdks", "omnia")));
            }

            // The API key was left empty (--yes): the preview names it; once set, as a secret, it plans the agent.
            const missing = env.run(["preview", "--stack", "dev"], project, { allowFailure: true });
            assert.notStrictEqual(missing.status, 0);
            assert.match(missing.stdout + missing.stderr, /apiKey/);
            env.configSet("dev", "apiKey", API_KEY, project, true);
            assert.match(fs.readFileSync(path.join(project, "Pulumi.dev.yaml"), "utf8"), /apiKey:\n\s+secure: /);
            const t1 = Date.now();
            const out = env.run(["preview", "--stack", "dev", "--json"], project).stdout;
            console.log(`      [preview ${template}] ${seconds(t1)}`);
            assert.ok(!out.includes(API_KEY), "the API key stays secret");
            const planned = (JSON.parse(out).steps ?? [])
                .map((s: any) => s.newState)
                .filter((s: any) => s && s.type !== "pulumi:pulumi:Stack" && !s.type.startsWith("pulumi:providers:"));
            assert.deepStrictEqual(planned.map((s: any) => `${s.type}::${s.urn.split("::").pop()}`).sort(), EXPECTED);
            const deployment = planned.find((s: any) => s.type === "kubernetes:apps/v1:Deployment");
            assert.strictEqual(deployment.inputs.metadata.namespace, NAMESPACE);
            const images = [...deployment.inputs.spec.template.spec.initContainers, ...deployment.inputs.spec.template.spec.containers].map((c: any) => c.image);
            assert.ok(images.includes(E2E_RUNTIME_IMAGE), images.join(", "));
        });
    }
});
