// `npm run schema`: writes provider/schema.json from the zod specs (committed; a test fails on drift).
import { writeFileSync } from "fs";
import * as path from "path";
import { packageManifest } from "../packageManifest";
import { generateSchema } from "./schema";

const root = path.join(__dirname, "../../..");
writeFileSync(path.join(root, "provider/schema.json"), `${JSON.stringify(generateSchema(packageManifest.version), null, 2)}\n`);
