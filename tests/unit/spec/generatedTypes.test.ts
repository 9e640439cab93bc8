// The documented input interfaces (provider/src/spec/generated/types.ts): committed as the generator
// makes them, shown by an editor on hover, and the README's TypeScript program compiles with them
// under --strict. (That each interface accepts what its schema accepts is checked by tsc in
// provider/src/spec/inputs.ts.)
import { strict as assert } from "assert";
import { readFileSync } from "fs";
import * as path from "path";
import * as ts from "typescript";
import { z } from "zod";
import { GENERATE_TYPES_COMMAND, generateTypes, TYPES_FILE } from "../../../provider/src/spec/generateTypes";
import { agentRuntimeSpec } from "../../../provider/src/spec/agentRuntime";
import { objectMetadata } from "../../../provider/src/spec/common";
import { networkPolicyOptions } from "../../../provider/src/spec/hardening";

const ROOT = path.join(__dirname, "..", "..", "..");

describe("generated input types (provider/src/spec/generated/types.ts)", () => {
    it("are exactly what the generator makes from the zod specs", async function () {
        this.timeout(60_000);
        const committed = readFileSync(TYPES_FILE, "utf8");
        const generated = await generateTypes();
        if (committed === generated) return;
        const [a, b] = [committed.split("\n"), generated.split("\n")];
        const line = a.findIndex((l, i) => l !== b[i]);
        assert.fail(
            `provider/src/spec/generated/types.ts is out of date with the zod specs: run \`${GENERATE_TYPES_COMMAND}\` and commit the result.\n` +
                `First difference at line ${line + 1}:\n  committed: ${JSON.stringify(a[line])}\n  generated: ${JSON.stringify(b[line])}`,
        );
    });
});

/** The package's name (README programs import it), resolved to provider/src. */
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).name as string;

/** A TypeScript program of files importing the package (provider/src), as `tsc --strict` sees them. */
function languageService(files: Record<string, string>) {
    const options: ts.CompilerOptions = {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        strict: true,
        noEmit: true,
        esModuleInterop: true,
        skipLibCheck: true,
        types: ["node"],
        baseUrl: ROOT,
        paths: { [PACKAGE]: ["provider/src/index.ts"] },
    };
    const texts = new Map(Object.entries(files).map(([name, text]) => [path.join(ROOT, name), text]));
    const read = (name: string) => texts.get(name) ?? ts.sys.readFile(name);
    const host: ts.LanguageServiceHost = {
        getScriptFileNames: () => [...texts.keys()],
        getScriptVersion: () => "1",
        getScriptSnapshot: (name) => {
            const content = read(name);
            return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
        },
        getCurrentDirectory: () => ROOT,
        getCompilationSettings: () => options,
        getDefaultLibFileName: ts.getDefaultLibFilePath,
        fileExists: (name) => texts.has(name) || ts.sys.fileExists(name),
        readFile: read,
        readDirectory: ts.sys.readDirectory,
        directoryExists: ts.sys.directoryExists,
        getDirectories: ts.sys.getDirectories,
    };
    return { service: ts.createLanguageService(host, ts.createDocumentRegistry()), file: (name: string) => path.join(ROOT, name) };
}

const errorsOf = (service: ts.LanguageService, file: string) =>
    [...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file)].map((d) => {
        const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
        return `${where ? `${where.line + 1}:${where.character + 1} ` : ""}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });

describe("TypeScript users' view of the components", () => {
    const program = `import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { AgentRuntime, PromptPack } from "${PACKAGE}";

const ns = new k8s.core.v1.Namespace("agents");
const pack = new PromptPack("prompts", { metadata: { namespace: ns.metadata.name }, spec: { source: { type: "configmap", configMapRef: { name: "pack" } }, version: "1.0.0" } });
new AgentRuntime("a", {
    metadata: { namespace: ns.metadata.name, labels: { team: pulumi.output("search") } },
    spec: { promptPackRef: { name: pack }, facade: { port: 8080 }, session: { ttl: "24h" } },
    networkPolicy: { allowAllEgress: false },
});
`;
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const quickstart = /```typescript\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf("## Quickstart (TypeScript)")))?.[1];
    let ts$: ReturnType<typeof languageService>;
    before(function () {
        // One program with @pulumi/pulumi and @pulumi/kubernetes: a few seconds.
        this.timeout(120_000);
        ts$ = languageService({ "hover.ts": program, "readme-quickstart.ts": quickstart ?? "" });
    });

    it("compiles a program whose namespace and labels are Outputs and whose reference is a companion, under --strict", function () {
        this.timeout(120_000); // the first check builds the program
        assert.deepEqual(errorsOf(ts$.service, ts$.file("hover.ts")), []);
    });

    it("compiles the README's TypeScript quickstart under --strict", () => {
        assert.ok(quickstart, "the README has a TypeScript block in its quickstart");
        assert.deepEqual(errorsOf(ts$.service, ts$.file("readme-quickstart.ts")), []);
    });

    const spec = z.toJSONSchema(agentRuntimeSpec, { io: "input", unrepresentable: "any" }) as any;
    const described = (schema: z.ZodType, key: string) => (z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as any).properties[key].description;
    for (const [field, text, expected] of [
        ["spec.facade.port", "port:", () => spec.properties.facade.properties.port.description],
        ["spec.session.ttl", "ttl:", () => spec.properties.session.properties.ttl.description],
        ["spec.facade", "facade:", () => spec.properties.facade.description],
        ["spec.promptPackRef (its name may be the PromptPack)", "promptPackRef:", () => spec.properties.promptPackRef.description],
        ["spec.promptPackRef.name (given the PromptPack)", "name: pack", () => spec.properties.promptPackRef.properties.name.description],
        ["metadata.namespace (given an Output)", "namespace: ns", () => described(objectMetadata, "namespace")],
        ["metadata.labels", "labels:", () => described(objectMetadata, "labels")],
        ["networkPolicy.allowAllEgress", "allowAllEgress", () => described(networkPolicyOptions, "allowAllEgress")],
    ] as const) {
        it(`shows the zod description of ${field} on hover`, () => {
            const want = expected();
            assert.ok(want, `${field} has a description in the zod spec`);
            const info = ts$.service.getQuickInfoAtPosition(ts$.file("hover.ts"), program.indexOf(text));
            assert.equal(ts.displayPartsToString(info?.documentation), want);
        });
    }
});
