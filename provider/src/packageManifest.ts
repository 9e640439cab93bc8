// The npm package's manifest: its version (the plugin's, the schema's, the CLI's) and the Pulumi SDK
// versions it pins. provider/src and provider/bin are both one level under provider/, so the path
// holds for the sources (tests, ts-node) and for the compiled package alike.
import { readFileSync } from "fs";
import * as path from "path";

export const packageManifest: { version: string; devDependencies: Record<string, string>; peerDependencies: Record<string, string> } = JSON.parse(
    readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"),
);
