// The committed SDKs are what `pulumi package gen-sdk` makes from the committed schema.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { installJavaSdk, mvn, run } from "./pulumiEnv";

const root = path.join(__dirname, "../..");

/** Build and install leftovers that the SDKs' own .gitignore files exclude. */
const IGNORED = /(^|\/)(__pycache__|node_modules|bin|target|[^/]*\.egg-info)$/;

/** Every file under dir (relative path -> content). */
function tree(dir: string, prefix = ""): Record<string, string> {
    const files: Record<string, string> = {};
    for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
        if (IGNORED.test(path.join(prefix, entry.name))) continue;
        const rel = path.join(prefix, entry.name);
        if (entry.isDirectory()) Object.assign(files, tree(dir, rel));
        else files[rel] = fs.readFileSync(path.join(dir, rel), "utf8");
    }
    return files;
}

describe("e2e: generated SDKs", function () {
    it("sdk/ is up to date with provider/schema.json (run scripts/generate-sdks)", function () {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "omnia-sdk-"));
        try {
            execFileSync(path.join(root, "scripts/generate-sdks"), [out], { stdio: "pipe" });
            for (const language of ["nodejs", "python", "go", "java"]) {
                const committed = tree(path.join(root, "sdk", language));
                const generated = tree(path.join(out, language));
                assert.deepStrictEqual(Object.keys(committed).sort(), Object.keys(generated).sort(), `${language}: files`);
                for (const file of Object.keys(generated)) assert.strictEqual(committed[file], generated[file], `sdk/${language}/${file} is stale`);
            }
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
    });

    it("sdk/java builds with Maven offline: the jar with plugin.json, a sources jar, and javadoc from the schema's descriptions", function () {
        installJavaSdk(); // fills the test repository (online when it is cold)
        const dir = path.join(root, "sdk", "java");
        mvn(["--offline", "package"], dir);
        const jar = (kind: string) => path.join(dir, "target", `omnia-0.1.0${kind}.jar`);
        const unzip = (file: string, entry: string) => run("unzip", ["-p", file, entry], dir);
        assert.deepStrictEqual(JSON.parse(unzip(jar(""), "com/altairalabs/omnia/plugin.json")), { resource: true, name: "omnia", version: "0.1.0" });
        assert.strictEqual(unzip(jar(""), "com/altairalabs/omnia/version.txt"), "0.1.0");
        assert.ok(unzip(jar("-sources"), "com/altairalabs/omnia/AgentRuntime.java").includes("public class AgentRuntime extends com.pulumi.resources.ComponentResource"));
        const builderDoc = unzip(jar("-javadoc"), "com/altairalabs/omnia/inputs/AgentRuntimeSpecArgs.Builder.html");
        assert.ok(builderDoc.includes("Inline LLM provider configuration; prefer providerRef in production."), "a builder method's javadoc is the schema's description");
        const enumDoc = unzip(jar("-javadoc"), "com/altairalabs/omnia/enums/SessionType.html");
        assert.ok(enumDoc.includes("Redis-backed sessions (recommended)."), "enum values are documented");
    });
});
