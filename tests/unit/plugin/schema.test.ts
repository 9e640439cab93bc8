import { strict as assert } from "assert";
import { readFileSync } from "fs";
import * as path from "path";
import { generateSchema, token } from "../../../provider/src/plugin/schema";

const root = path.join(__dirname, "../../..");
const version = require(path.join(root, "package.json")).version;
const schema: any = generateSchema(version);
const type = (name: string) => schema.types[token(name)];
const resource = (name: string) => schema.resources[token(name)];

describe("package schema", () => {
    it("is committed as generated (run `npm run schema` after changing a spec)", () => {
        const committed = JSON.parse(readFileSync(path.join(root, "provider/schema.json"), "utf8"));
        assert.deepEqual(committed, schema);
    });

    it("declares the four components with their type tokens", () => {
        assert.deepEqual(Object.keys(schema.resources), ["AgentRuntime", "PromptPack", "LlmProvider", "ToolRegistry"].map(token));
        for (const r of Object.values<any>(schema.resources)) {
            assert.equal(r.isComponent, true);
            assert.deepEqual(r.requiredInputs, ["spec"]);
        }
    });

    it("types integers as integers, with defaults and descriptions from the zod spec", () => {
        assert.deepEqual(type("Facade").properties.port, { type: "integer", description: "Port the facade listens on (8081, 9000 and 9001 are reserved).", default: 8080 });
        assert.equal(type("Autoscaling").properties.maxReplicas.type, "integer");
        assert.equal(type("Autoscaling").properties.maxReplicas.default, 10);
        assert.equal(type("Session").properties.ttl.default, "24h");
        assert.deepEqual(type("PromptPackRef").required, ["name"]);
    });

    it("documents every enum value", () => {
        const providerType = type("ProviderType");
        assert.deepEqual(
            providerType.enum.map((e: any) => e.value),
            ["claude", "openai", "gemini", "auto"],
        );
        for (const [name, t] of Object.entries<any>(schema.types)) {
            if (!t.enum) continue;
            for (const value of t.enum) assert.ok(value.description, `${name} ${value.value} has a description`);
        }
        assert.deepEqual(type("Facade").properties.handler.$ref, `#/types/${token("HandlerMode")}`);
    });

    it("marks the API key secret", () => {
        assert.equal(resource("LlmProvider").inputProperties.apiKey.secret, true);
    });

    it("describes every property", () => {
        for (const [name, t] of Object.entries<any>(schema.types)) {
            for (const [property, spec] of Object.entries<any>(t.properties ?? {})) assert.ok(spec.description, `${name}.${property}`);
        }
    });

    it("outputs the readiness of an agent", () => {
        assert.deepEqual(Object.keys(resource("AgentRuntime").properties), ["status", "serviceEndpoint", "activeVersion"]);
        assert.deepEqual(Object.keys(type("AgentRuntimeStatus").properties), ["phase", "replicas", "conditions"]);
        assert.deepEqual(
            type("AgentPhase").enum.map((e: any) => e.value),
            ["Pending", "Running", "Failed"],
        );
    });

    it("names every language's package after one organisation, and needs the Pulumi SDK it was generated with", () => {
        const npm = JSON.parse(readFileSync(path.join(__dirname, "../../../package.json"), "utf8"));
        assert.equal(npm.name, "@altairalabs/pulumi-omnia");
        assert.equal(schema.language.nodejs.packageName, "@altairalabs/pulumi-omnia-sdk");
        assert.equal(schema.language.python.packageName, "altairalabs_pulumi_omnia");
        assert.equal(schema.language.go.importBasePath, "github.com/altairalabs/pulumi-omnia/sdk/go/omnia");
        assert.equal(schema.language.nodejs.dependencies["@pulumi/pulumi"], `^${npm.devDependencies["@pulumi/pulumi"]}`);
        assert.equal(schema.language.python.requires.pulumi, `>=${npm.devDependencies["@pulumi/pulumi"]},<4.0.0`);
    });

    it("puts the Java SDK in com.altairalabs.omnia (Maven com.altairalabs:omnia) on the Java SDK of the toolchain's Java host", () => {
        const root = path.join(__dirname, "../../..");
        const javaHost = /^PULUMI_JAVA_VERSION=v(.+)$/m.exec(readFileSync(path.join(root, "toolchain/versions.env"), "utf8"))![1];
        assert.deepEqual(schema.language.java, {
            basePackage: "com.altairalabs",
            buildFiles: "none",
            dependencies: { "com.pulumi:pulumi": javaHost, "com.google.code.gson:gson": "2.8.9", "com.google.code.findbugs:jsr305": "3.0.2" },
        });
        // The example a Java user copies names the same two artifacts.
        const pom = readFileSync(path.join(root, "examples/java/pom.xml"), "utf8");
        const version = (group: string, artifact: string) =>
            new RegExp(`<groupId>${group}</groupId>\\s*<artifactId>${artifact}</artifactId>\\s*<version>([^<]+)</version>`).exec(pom)?.[1];
        assert.equal(version("com.pulumi", "pulumi"), javaHost);
        assert.equal(version("com.altairalabs", "omnia"), schema.version);
    });
});
