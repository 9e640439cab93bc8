// `npm run schema`: writes provider/schema.json from the zod specs (committed; a test fails on drift).
import { writeFileSync } from "fs";
import * as path from "path";
import { generateSchema } from "./schema";

const root = path.join(__dirname, "../../..");
const version: string = require(path.join(root, "package.json")).version;
writeFileSync(path.join(root, "provider/schema.json"), `${JSON.stringify(generateSchema(version), null, 2)}\n`);
