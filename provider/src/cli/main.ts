#!/usr/bin/env node
// `pulumi-omnia render FILE.yaml...`: prints the Kubernetes objects of CRD-style documents as YAML.
import { readFileSync } from "fs";
import { parseArgs } from "util";
import { stringify } from "yaml";
import { DocumentsError, renderDocuments } from "./renderDocuments";
import { packageManifest } from "../packageManifest";
import { issueLine, printable } from "../spec/errors";

const USAGE = `usage: pulumi-omnia render [--runtime-image IMAGE] [--facade-image IMAGE] FILE.yaml [FILE.yaml ...]   (- reads standard input)
       pulumi-omnia --help | --version

Reads AgentRuntime, PromptPack, Provider and ToolRegistry documents
(apiVersion omnia.altairalabs.ai/v1alpha1; a kubectl List is fine), resolves references
among them and prints the Kubernetes objects as multi-document YAML. Other kinds
(Namespace, ConfigMap, Secret, ...) are printed unchanged; a ConfigMap holding a
PromptPack's pack.json is checked as the runtime will read it. Each agent gets the
component's default hardening: its NetworkPolicy (facade port open to any source) and
bounded ephemeral storage (README, "Hardening").

  --runtime-image IMAGE   runtime image for agents without spec.framework.image
                          (Omnia published none for this generation: build Dockerfile.runtime)
  --facade-image IMAGE    facade image for agents without spec.facade.image
  -h, --help              print this help
  -v, --version           print the package version`;

/** The command line as node:util parses it; throws on an unknown option or a missing value. */
function parseCommandLine(argv: string[]) {
    return parseArgs({
        args: argv,
        allowPositionals: true,
        options: { "runtime-image": { type: "string" }, "facade-image": { type: "string" }, help: { type: "boolean", short: "h" }, version: { type: "boolean", short: "v" } },
    });
}

export function main(argv: string[], out = process.stdout, err = process.stderr): number {
    let parsed: ReturnType<typeof parseCommandLine>;
    try {
        parsed = parseCommandLine(argv);
    } catch (e) {
        err.write(`error: ${(e as Error).message}\n${USAGE}\n`);
        return 2;
    }
    const [command, ...files] = parsed.positionals;
    if (parsed.values.help) {
        out.write(`${USAGE}\n`);
        return 0;
    }
    if (parsed.values.version) {
        out.write(`${packageManifest.version}\n`);
        return 0;
    }
    if (command !== "render" || files.length === 0) {
        err.write(`${USAGE}\n`);
        return 2;
    }
    const images = { runtime: parsed.values["runtime-image"], facade: parsed.values["facade-image"] };
    const sources: { name: string; text: string }[] = [];
    for (const name of files) {
        try {
            sources.push({ name, text: readFileSync(name === "-" ? 0 : name, "utf8") });
        } catch (e) {
            const code = (e as NodeJS.ErrnoException).code;
            const why =
                code === "EISDIR" ? "is a directory" : code === "ENOENT" ? "does not exist" : code === "EACCES" ? "is not readable (permission denied)" : (e as Error).message;
            err.write(`error: ${printable(name)} ${why}\n`);
            return 2;
        }
    }
    try {
        const { objects, warnings } = renderDocuments(sources, { images: images.runtime || images.facade ? images : undefined });
        for (const w of warnings) err.write(`warning: ${printable(w)}\n`);
        out.write(objects.map((o) => stringify(o, { lineWidth: 0, aliasDuplicateObjects: false })).join("---\n"));
        return 0;
    } catch (e) {
        if (e instanceof DocumentsError) {
            err.write(`error: invalid documents:\n${e.issues.map((i) => `  ${issueLine(i)}`).join("\n")}\n`);
            return 1;
        }
        err.write(`error: ${printable((e as Error).message)}\n`);
        return 1;
    }
}

if (require.main === module) {
    // A reader that stops early (`render x | head`) is not an error.
    process.stdout.on("error", (e: NodeJS.ErrnoException) => {
        if (e.code !== "EPIPE") throw e;
        process.exit(0);
    });
    process.exitCode = main(process.argv.slice(2));
}
