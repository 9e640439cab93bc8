// Writes generated/types.ts: the TypeScript interfaces of what users write (specs, metadata, component
// options), made from the zod specs through JSON Schema (z.toJSONSchema, io "input") and
// json-schema-to-typescript, so every field's .describe() becomes the JSDoc an editor shows on hover.
// The zod specs stay the single source: `inputs.ts` checks at compile time that each interface and
// z.input of its schema accept the same values, and tests/unit/spec/generatedTypes.test.ts that the
// committed file is what this generator makes.
//
// Run with ts-node (it needs json-schema-to-typescript, a devDependency):
//     npm run types
import { writeFileSync } from "fs";
import * as path from "path";
import { z } from "zod";
import { compile } from "json-schema-to-typescript";
import { INPUT_SCHEMAS } from "./inputs";

export const GENERATE_TYPES_COMMAND = "npm run types";
/** The generated file, in the source tree (this script runs from provider/src/spec under ts-node). */
export const TYPES_FILE = path.join(__dirname, "generated", "types.ts");

const HEADER = `// Generated from the zod specs by provider/src/spec/generateTypes.ts: do not edit.
// After changing a spec, regenerate with: ${GENERATE_TYPES_COMMAND}
// These are the input types (defaults optional); the specs' z.output types are what validation returns.
`;

type Json = { [key: string]: any };

/**
 * A use of a schema (a property, an array item, a map value, a union member) and what it says
 * there: zod writes a use-site .describe() or .default() as a wrapper around a `$ref` to the shared
 * schema, so the outermost description and default are the ones of this use.
 */
interface Use {
    node: Json;
    description?: string;
    default?: unknown;
}

/**
 * Converts zod's JSON Schema (with `$defs` for schemas used more than once) into schemas for
 * json-schema-to-typescript: every titled schema becomes one named type, referenced by name
 * (`tsType`), and every use keeps its own description and default as the property's JSDoc.
 */
class NamedTypes {
    /** Name -> its schema, its shape (to refuse two different schemas under one title), and the descriptions of its uses. */
    private readonly types = new Map<string, { schema: Json; shape: string; node: Json; uses: (string | undefined)[] }>();

    constructor(private readonly defs: Record<string, Json>) {}

    private resolve(schema: Json): Use {
        let node = schema;
        let description: string | undefined;
        let fallback: unknown;
        for (;;) {
            description ??= node.description;
            if (fallback === undefined && "default" in node) fallback = node.default;
            if (typeof node.$ref !== "string") return { node, description, default: fallback };
            node = this.defs[node.$ref.replace("#/$defs/", "")];
            if (!node) throw new Error(`unresolved ${schema.$ref}`);
        }
    }

    /** The schema of one use: a reference to a named type, or the type inline, with this use's docs. */
    use(schema: Json): Json {
        const { node, description, default: value } = this.resolve(schema);
        const type = node.title ? { tsType: this.define(node, description) } : this.inline(node);
        const doc = [description, isScalar(value) ? `@default ${JSON.stringify(value)}` : undefined].filter((t) => t !== undefined).join("\n\n");
        return { ...type, ...(doc ? { description: doc } : {}) };
    }

    /**
     * Registers a titled schema once. Its docs: its own description (an enum's: each value's), else
     * the description all its uses agree on; a use's own description documents the property.
     */
    define(node: Json, use: string | undefined): string {
        const name: string = node.title;
        const known = this.types.get(name);
        if (!known) this.types.set(name, { schema: {}, shape: "", node, uses: [] });
        const body = this.inline(node);
        const shape = JSON.stringify(stripDescriptions(body));
        const entry = this.types.get(name)!;
        if (known && known.shape !== shape) throw new Error(`two different schemas are both named ${name}`);
        Object.assign(entry, { schema: body, shape });
        entry.uses.push(use);
        return name;
    }

    /** Name -> the schema to compile, with its docs; in order of first use. */
    declarations(): [string, Json][] {
        return [...this.types].map(([name, { schema, node, uses }]) => {
            const values: Record<string, string> | undefined = node.values;
            const valueDocs = node.enum && values ? node.enum.map((v: string) => `- \`${v}\`: ${values[v] ?? ""}`.trimEnd()).join("\n") : undefined;
            const agreed = uses.every((u) => u === uses[0]) ? uses[0] : undefined;
            const doc = [node.description ?? (node.enum ? undefined : agreed), valueDocs].filter((t) => t !== undefined).join("\n\n");
            return [name, { title: name, ...(doc ? { description: doc } : {}), ...schema }];
        });
    }

    private inline(node: Json): Json {
        if (node.enum) return { type: "string", enum: node.enum };
        if (node.anyOf) return { anyOf: node.anyOf.map((option: Json) => this.use(option)) };
        // An item's description is its type's (json-schema-to-typescript would append it to the property's as "Items: ...").
        if (node.type === "array") return { type: "array", items: withoutDescription(this.use(node.items ?? {})) };
        if (node.type === "object") {
            const properties = Object.fromEntries(Object.entries<Json>(node.properties ?? {}).map(([key, child]) => [key, this.use(child)]));
            const extra = node.additionalProperties;
            return {
                type: "object",
                properties,
                ...(node.required?.length ? { required: node.required } : {}),
                additionalProperties: extra === undefined || extra === false ? false : extra === true ? {} : this.use(extra),
            };
        }
        if (typeof node.type === "string") return { type: node.type };
        if (Array.isArray(node.type)) return { anyOf: node.type.map((type: string) => ({ type })) };
        return {};
    }
}

const withoutDescription = ({ description: _, ...schema }: Json) => schema;
const isScalar = (value: unknown) => ["string", "number", "boolean"].includes(typeof value);

function stripDescriptions(value: any): any {
    if (Array.isArray(value)) return value.map(stripDescriptions);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(
        Object.entries(value)
            .filter(([k]) => k !== "description")
            .map(([k, v]) => [k, stripDescriptions(v)]),
    );
}

/** The generated file's text: the interfaces of INPUT_SCHEMAS, then every named type they use, in order of first use. */
export async function generateTypes(): Promise<string> {
    // One document for all roots, so a schema they share (e.g. SecretKeyRef) is one type.
    const document = z.toJSONSchema(z.strictObject(INPUT_SCHEMAS), { io: "input", unrepresentable: "any", reused: "ref" }) as Json;
    const named = new NamedTypes(document.$defs ?? {});
    for (const [name, schema] of Object.entries<Json>(document.properties)) {
        const { tsType } = named.use(schema);
        if (tsType !== name) throw new Error(`the schema of ${name} must have the title ${name} (got ${tsType ?? "none"})`);
    }
    const declarations: string[] = [];
    for (const [name, schema] of named.declarations()) {
        declarations.push(
            await compile(schema, name, {
                bannerComment: "",
                additionalProperties: false,
                unknownAny: true,
                strictIndexSignatures: false,
                declareExternallyReferenced: false,
                style: { printWidth: 160, tabWidth: 4, bracketSpacing: true, trailingComma: "all", singleQuote: false, semi: true },
            }),
        );
    }
    return `${HEADER}\n${declarations.map((d) => d.trim()).join("\n\n")}\n`;
}

if (require.main === module) {
    generateTypes().then(
        (text) => {
            writeFileSync(TYPES_FILE, text);
            console.log(`wrote ${path.relative(process.cwd(), TYPES_FILE)}`);
        },
        (e) => {
            console.error(e);
            process.exit(1);
        },
    );
}
