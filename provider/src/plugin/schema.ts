// The Pulumi package schema, generated from the zod specs: types, enums, integers, defaults,
// descriptions and required lists all come from provider/src/spec.
import * as semver from "semver";
import { z } from "zod";
import { packageManifest } from "../packageManifest";
import { agentRuntimeSpec, imageOverrides } from "../spec/agentRuntime";
import { ephemeralStorageOptions, networkPolicyOptions } from "../spec/hardening";
import { objectMetadata } from "../spec/common";
import { llmProviderSpec } from "../spec/llmProvider";
import { promptPackSpec } from "../spec/promptPack";
import { agentRuntimeStatus } from "../spec/status";
import { toolRegistrySpec } from "../spec/toolRegistry";

export const PACKAGE_NAME = "omnia";
export const GO_IMPORT_PATH = "github.com/altairalabs/pulumi-omnia/sdk/go/omnia";
/**
 * The generated SDKs need at least the @pulumi/pulumi that generated and tested them (package.json's pinned
 * devDependency), up to the next major. (The npm package itself supports a wider peer range, tested at both ends.)
 */
const PULUMI_MIN: string = packageManifest.devDependencies["@pulumi/pulumi"];
const PULUMI_NEXT_MAJOR = `${semver.major(PULUMI_MIN) + 1}.0.0`;
/** Names users install, one organisation everywhere: npm @altairalabs/..., PyPI altairalabs_..., Go github.com/altairalabs/... */
export const NODEJS_SDK_PACKAGE = "@altairalabs/pulumi-omnia-sdk";
export const PYTHON_PACKAGE = "altairalabs_pulumi_omnia";
/** Java package com.altairalabs.omnia; Maven coordinates com.altairalabs:omnia (groupId = basePackage, artifactId = package name, as Pulumi's Java publishing does). */
export const JAVA_BASE_PACKAGE = "com.altairalabs";
/**
 * The Java SDK the generated Java SDK is built and tested with (Maven Central com.pulumi:pulumi, the release of the
 * toolchain's pulumi-language-java), and the two libraries the generated code imports itself.
 */
const JAVA_DEPENDENCIES = { "com.pulumi:pulumi": "1.17.0", "com.google.code.gson:gson": "2.8.9", "com.google.code.findbugs:jsr305": "3.0.2" };
/** The Python package's README (PyPI's project page; scripts/generate-sdks also puts it next to pyproject.toml). */
function pythonReadme(version: string): string {
    return `# ${PYTHON_PACKAGE}

Deploys [Omnia](https://github.com/altairalabs) AI agents on Kubernetes from a Pulumi program:
\`AgentRuntime\` (a hardened Deployment, Service, HPA or KEDA ScaledObject, credential bindings and
readiness outputs) with its \`PromptPack\`, \`LlmProvider\` and \`ToolRegistry\`, validated before
anything is applied.

The classes call the \`omnia\` component provider, a Pulumi plugin that runs on Node.js 20+. From
the program's directory, one command installs the plugin and links a generated SDK:

\`\`\`sh
pulumi package add github.com/altairalabs/pulumi-omnia@v${version}
\`\`\`

With this package from PyPI instead (\`pip install ${PYTHON_PACKAGE}==${version}\`), name the plugin's
directory in \`Pulumi.yaml\` (\`plugins: providers: [{name: omnia, path: <dir>}]\`), e.g. the npm package
\`@altairalabs/pulumi-omnia\` installed with \`npm install\` (its \`provider/\` directory).
Documentation: https://github.com/altairalabs/pulumi-omnia
`;
}
const ANY = { $ref: "pulumi.json#/Any" };

type JsonSchema = {
    type?: string | string[];
    title?: string;
    description?: string;
    default?: unknown;
    enum?: string[];
    values?: Record<string, string>;
    properties?: Record<string, JsonSchema>;
    required?: string[];
    additionalProperties?: boolean | JsonSchema;
    items?: JsonSchema;
    anyOf?: JsonSchema[];
};
type PropertySpec = Record<string, unknown>;

export const token = (name: string) => `${PACKAGE_NAME}:index:${name}`;
const pascal = (text: string) => text.replace(/(^|[-_ ])(\w)/g, (_m, _s, c: string) => c.toUpperCase());

/** Converts zod-made JSON Schema to Pulumi property specs, collecting named object and enum types. */
class TypeCollector {
    readonly types: Record<string, unknown> = {};

    property(js: JsonSchema, nameHint: string): PropertySpec {
        const doc = { ...(js.description ? { description: js.description } : {}) };
        const scalarDefault = ["string", "number", "boolean"].includes(typeof js.default) ? { default: js.default } : {};
        if (js.enum && js.type === "string") return { ...this.enumRef(js, nameHint), ...doc, ...scalarDefault };
        if (js.type === "object" && js.properties) return { ...this.objectRef(js, nameHint), ...doc };
        if (js.type === "object") {
            const values = typeof js.additionalProperties === "object" ? this.property(js.additionalProperties, `${nameHint}Value`) : ANY;
            return { type: "object", additionalProperties: values, ...doc };
        }
        if (js.type === "array") return { type: "array", items: this.property(js.items ?? {}, nameHint.replace(/s$/, "")), ...doc };
        if (js.anyOf) return { oneOf: js.anyOf.map((option) => this.property(option, nameHint)), ...doc };
        if (Array.isArray(js.type)) return { oneOf: js.type.map((type) => ({ type })), ...doc };
        if (typeof js.type === "string" && ["string", "integer", "number", "boolean"].includes(js.type)) return { type: js.type, ...doc, ...scalarDefault };
        return { ...ANY, ...doc };
    }

    /** Registers a named type once; uses may describe it differently, its shape must not differ. */
    private define(name: string, spec: { description?: string; [field: string]: unknown }) {
        const key = token(name);
        const existing = this.types[key] as { description?: string } | undefined;
        const shape = (t: { description?: string }) => JSON.stringify({ ...t, description: undefined });
        if (existing && shape(existing) !== shape(spec)) throw new Error(`two different schemas are both named ${name}`);
        this.types[key] ??= spec;
        return { $ref: `#/types/${key}` };
    }

    private enumRef(js: JsonSchema, nameHint: string) {
        const name = js.title ?? nameHint;
        return this.define(name, {
            type: "string",
            ...(js.description ? { description: js.description } : {}),
            enum: js.enum!.map((value) => ({ name: pascal(value), value, ...(js.values?.[value] ? { description: js.values[value] } : {}) })),
        });
    }

    private objectRef(js: JsonSchema, nameHint: string) {
        const name = js.title ?? nameHint;
        const { properties, required } = this.objectBody(js, name);
        return this.define(name, { type: "object", ...(js.description ? { description: js.description } : {}), properties, ...(required.length ? { required } : {}) });
    }

    objectBody(js: JsonSchema, name: string) {
        const properties = Object.fromEntries(Object.entries(js.properties ?? {}).map(([key, child]) => [key, this.property(child, `${name}${pascal(key)}`)]));
        // Go codegen gives a type with defaulted properties a Defaults() method, which clashes with a
        // property named `defaults` (Provider's): such a type keeps its defaults in the zod spec only.
        if ("defaults" in properties) for (const p of Object.values(properties)) delete (p as PropertySpec).default;
        return { properties, required: js.required ?? [] };
    }
}

const jsonSchema = (schema: z.ZodType, io: "input" | "output") => z.toJSONSchema(schema, { io, unrepresentable: "any", reused: "inline" }) as JsonSchema;

const nameOutputs = (kind: string) => ({
    name: { type: "string", description: `Kubernetes name of the ${kind}.` },
    namespace: { type: "string", description: `Namespace of the ${kind}.` },
});

/** The whole package schema; `version` is the package version. */
export function generateSchema(version: string): Record<string, unknown> {
    const types = new TypeCollector();
    const input = (schema: z.ZodType, hint: string) => types.property(jsonSchema(schema, "input"), hint);
    const output = (schema: z.ZodType, hint: string) => types.property(jsonSchema(schema, "output"), hint);
    const documentInputs = (spec: z.ZodType, specName: string) => ({
        metadata: { ...input(objectMetadata, "ObjectMeta"), description: 'Kubernetes metadata; the name defaults to the resource name, the namespace to "default".' },
        spec: { ...input(spec, specName), description: jsonSchema(spec, "input").description },
    });
    const component = (description: string, inputProperties: Record<string, unknown>, properties: Record<string, unknown>) => ({
        isComponent: true,
        description,
        inputProperties,
        requiredInputs: ["spec"],
        properties,
        required: Object.keys(properties),
    });

    const resources = {
        [token("AgentRuntime")]: component(
            "An AI agent on Kubernetes: a hardened Deployment, a Service, an HPA or KEDA ScaledObject, credential bindings and readiness outputs, as the Omnia operator would create them for an AgentRuntime.",
            {
                ...documentInputs(agentRuntimeSpec, "AgentRuntimeSpec"),
                images: input(imageOverrides, "Images"),
                networkPolicy: input(networkPolicyOptions, "NetworkPolicyOptions"),
                ephemeralStorage: input(ephemeralStorageOptions, "EphemeralStorageOptions"),
            },
            {
                status: output(agentRuntimeStatus, "AgentRuntimeStatus"),
                serviceEndpoint: { type: "string", description: "`<name>.<namespace>.svc.cluster.local:<port>`, once the Service exists." },
                activeVersion: { type: "string", description: "The PromptPack version the agent runs." },
            },
        ),
        [token("PromptPack")]: component(
            "Published prompt versions; each version becomes an immutable ConfigMap (key pack.json).",
            documentInputs(promptPackSpec, "PromptPackSpec"),
            {
                ...nameOutputs("PromptPack"),
                versions: { type: "array", items: { type: "string" }, description: "Published versions." },
                tracks: { type: "object", additionalProperties: { type: "string" }, description: "Track -> version, with stable filled in." },
            },
        ),
        [token("LlmProvider")]: component(
            "An LLM provider (the CRD's Provider) shared by agents, and optionally the Secret holding its API key.",
            {
                ...documentInputs(llmProviderSpec, "LlmProviderSpec"),
                apiKey: { type: "string", secret: true, description: "The API key; when given, the component creates the Secret spec.secretRef.name holding it." },
            },
            {
                ...nameOutputs("Provider"),
                credentialsVersion: {
                    type: "string",
                    description:
                        "The managed Secret's resourceVersion, assigned by the API server (never derived from the key): it changes when the key changes, and agents' pods roll. Empty without apiKey.",
                },
            },
        ),
        [token("ToolRegistry")]: component(
            "Tools agents may call; each agent renders its own tools.yaml ConfigMap from it.",
            documentInputs(toolRegistrySpec, "ToolRegistrySpec"),
            { ...nameOutputs("ToolRegistry"), handlers: { type: "array", items: { type: "string" }, description: "Handler names." } },
        ),
    };

    return {
        name: PACKAGE_NAME,
        displayName: "Omnia",
        version,
        description: "Deploys Omnia AI agents (AgentRuntime) and their prompt packs, LLM providers and tool registries on Kubernetes.",
        keywords: ["pulumi", "kubernetes", "ai", "agents", "omnia", "kind/component", "category/cloud"],
        license: "Apache-2.0",
        publisher: "Altaira Labs",
        repository: "https://github.com/altairalabs/pulumi-omnia",
        homepage: "https://github.com/altairalabs/pulumi-omnia",
        resources,
        types: Object.fromEntries(Object.entries(types.types).sort(([a], [b]) => a.localeCompare(b))),
        language: {
            nodejs: { packageName: NODEJS_SDK_PACKAGE, dependencies: { "@pulumi/pulumi": `^${PULUMI_MIN}` }, respectSchemaVersion: true },
            python: {
                packageName: PYTHON_PACKAGE,
                requires: { pulumi: `>=${PULUMI_MIN},<${PULUMI_NEXT_MAJOR}` },
                respectSchemaVersion: true,
                pyproject: { enabled: true },
                readme: pythonReadme(version),
            },
            go: { importBasePath: GO_IMPORT_PATH, generateResourceContainerTypes: true, respectSchemaVersion: true },
            // buildFiles "none": sdk/java gets a Maven pom.xml (scripts/generate-sdks) instead of Gradle files.
            java: { basePackage: JAVA_BASE_PACKAGE, buildFiles: "none", dependencies: JAVA_DEPENDENCIES },
        },
    };
}
