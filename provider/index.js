// The plugin's entry for the nodejs language host (run-plugin loads this directory).
// `npm run build` must have compiled provider/src into provider/bin.
require("./bin/plugin/main");
