// `npm install` in the plugin's directory (what `pulumi package add` and `pulumi install` run for a
// Node.js plugin) ends here. A git clone at a tag (`pulumi package add github.com/altairalabs/pulumi-omnia/provider@vX`)
// has no compiled code: install the package's dependencies from its lockfile and build it. A checkout
// after `npm ci && npm run build`, or the npm package (which ships provider/bin), has nothing to do.
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

if (!fs.existsSync(path.join(__dirname, "bin", "plugin", "main.js"))) {
    const root = path.join(__dirname, "..");
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    console.log(`omnia plugin: building ${root} (npm ci, npm run build:lib)`);
    execFileSync(npm, ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
    execFileSync(npm, ["run", "build:lib"], { cwd: root, stdio: "inherit" });
}
