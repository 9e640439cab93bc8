// What the engine and the README show about each policy.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { policies, rules } from "../../policy-pack/policies";

describe("policy pack: metadata", () => {
    const readme = fs.readFileSync(path.join(__dirname, "../../policy-pack/README.md"), "utf8");

    for (const p of policies) {
        it(`${p.name} has a kebab-case id, description, severity, level and remediation steps`, () => {
            assert.match(p.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
            assert.ok(p.description.length > 20);
            assert.ok(["low", "medium", "high", "critical"].includes(p.severity!));
            assert.ok(["advisory", "mandatory"].includes(p.enforcementLevel!));
            assert.ok((p.remediationSteps ?? "").length > 20);
            for (const [key, schema] of Object.entries(p.configSchema?.properties ?? {})) {
                assert.notEqual(key, "enforcementLevel");
                assert.ok("default" in (schema as object), `${key} has a default`);
            }
        });
    }

    it("has unique policy names", () => {
        assert.equal(new Set(policies.map((p) => p.name)).size, policies.length);
    });

    it("lists every rule in the README table with its level and severity", () => {
        for (const r of rules) {
            const row = readme.split("\n").find((line) => line.startsWith(`| \`${r.id}\` |`));
            assert.ok(row, `${r.id} is in the README`);
            const cells = row!.split("|").map((c) => c.trim());
            assert.equal(cells[3], r.scope === "always" ? "mandatory" : r.scope, r.id);
            assert.equal(cells[4], r.severity, r.id);
            for (const setting of Object.keys(r.settings ?? {})) assert.ok(cells[5].includes(`\`${setting}\``), `${r.id}: ${setting}`);
        }
    });
});
