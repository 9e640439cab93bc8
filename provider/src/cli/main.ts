#!/usr/bin/env node
// `pulumi-omnia render FILE.yaml...`: prints the Kubernetes objects of CRD-style documents as YAML.
import { readFileSync } from "fs";
import { stringify } from "yaml";
import { DocumentsError, renderDocuments } from "./renderDocuments";

const USAGE = `usage: pulumi-omnia render FILE.yaml [FILE.yaml ...]   (- reads standard input)

Reads AgentRuntime, PromptPack, Provider and ToolRegistry documents
(apiVersion omnia.altairalabs.ai/v1alpha1), resolves references among them
and prints the Kubernetes objects as multi-document YAML.`;

export function main(argv: string[], out = process.stdout, err = process.stderr): number {
    const [command, ...files] = argv;
    if (command !== "render" || files.length === 0) {
        err.write(`${USAGE}\n`);
        return command === "--help" || command === "-h" ? 0 : 2;
    }
    try {
        const sources = files.map((name) => ({ name, text: readFileSync(name === "-" ? 0 : name, "utf8") }));
        const { objects, warnings } = renderDocuments(sources);
        for (const w of warnings) err.write(`warning: ${w}\n`);
        out.write(objects.map((o) => stringify(o, { lineWidth: 0, aliasDuplicateObjects: false })).join("---\n"));
        return 0;
    } catch (e) {
        if (e instanceof DocumentsError) {
            err.write(`error: invalid documents:\n${e.issues.map((i) => `  ${i.path}: ${i.message}`).join("\n")}\n`);
            return 1;
        }
        err.write(`error: ${(e as Error).message}\n`);
        return 1;
    }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
