// Mocha root hooks (loaded through tests/e2e/.mocharc.json "require"): build the toolchain if it
// is missing, start the project's loopback cluster once per test run, stop it afterwards.
// OMNIA_E2E_KEEP_CLUSTER=1 leaves it running (scripts/cluster down stops it).
import { clusterDown, clusterUp, ensureToolchain } from "./pulumiEnv";

export const mochaHooks = {
    beforeAll(this: Mocha.Context) {
        this.timeout(3 * 60 * 60 * 1000); // a cold toolchain build is long
        const t0 = Date.now();
        const bin = ensureToolchain();
        const t1 = Date.now();
        const kubeconfig = clusterUp();
        const t2 = Date.now();
        console.log(`      [e2e] toolchain ${bin} (${((t1 - t0) / 1000).toFixed(1)}s)`);
        console.log(`      [e2e] cluster up, KUBECONFIG=${kubeconfig} (${((t2 - t1) / 1000).toFixed(1)}s)`);
    },
    afterAll(this: Mocha.Context) {
        this.timeout(120 * 1000);
        if (process.env.OMNIA_E2E_KEEP_CLUSTER === "1") {
            return;
        }
        clusterDown();
    },
};
