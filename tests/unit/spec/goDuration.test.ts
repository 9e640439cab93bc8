// Go durations (session.ttl, tool timeouts) and Kubernetes quantities (runtime.resources).
import { strict as assert } from "assert";
import { goDuration, parseGoDuration, quantity } from "../../../provider/src/spec/common";

describe("parseGoDuration", () => {
    const cases: [text: string, ms: number | undefined][] = [
        ["30m", 1_800_000],
        ["24h", 86_400_000],
        ["1h30m", 5_400_000],
        ["1.5h", 5_400_000],
        ["300ms", 300],
        ["90s", 90_000],
        ["2h45m30s", 9_930_000],
        [".5h", 1_800_000],
        ["0s", 0],
        ["1d", undefined],
        ["", undefined],
        ["h", undefined],
        ["-1h", -3_600_000],
        ["+1h", 3_600_000],
        ["1.h", 3_600_000],
        ["1µs", 0.001],
        ["1μs", 0.001],
        ["2562047h", 9_223_369_200_000],
        ["2562048h", undefined],
        ["-", undefined],
        [".h", undefined],
        ["30", undefined],
        ["1h 30m", undefined],
        ["1H", undefined],
    ];
    for (const [text, ms] of cases) {
        it(`${JSON.stringify(text)} -> ${ms}`, () => {
            assert.equal(parseGoDuration(text), ms);
        });
    }
});

describe("goDuration (what the programs accept: positive, in int64 nanoseconds)", () => {
    const cases: [text: string, problem: string | undefined][] = [
        ["1ns", undefined],
        ["2562047h47m16.854775807s", undefined],
        ["2562047h47m16.854775808s", "is longer than Go's longest duration (2562047h47m16.854775807s): the programs would fail to parse it"],
        ["99999999999h", "is longer than Go's longest duration (2562047h47m16.854775807s): the programs would fail to parse it"],
        ["0.1ns", 'must be a positive Go duration such as "30m", "24h" or "1h30m"'],
        ["-5m", 'must be a positive Go duration such as "30m", "24h" or "1h30m"'],
        ["0", 'must be a positive Go duration such as "30m", "24h" or "1h30m"'],
    ];
    for (const [text, problem] of cases) {
        it(`${JSON.stringify(text)}: ${problem ?? "accepted"}`, () => {
            const result = goDuration.safeParse(text);
            assert.equal(result.success ? undefined : result.error.issues[0].message, problem);
        });
    }
});

describe("quantity", () => {
    const valid: (string | number)[] = ["500m", "256Mi", "1", "1.5", "2e3", "1Ki", "1Gi", "100k", 2, 0.5];
    const invalid: unknown[] = ["lots", "1.2.3", "Mi", "5 Gi", "", "1ki", "1KB", true];
    for (const q of valid) {
        it(`accepts ${JSON.stringify(q)}`, () => {
            assert.equal(quantity.safeParse(q).success, true);
        });
    }
    for (const q of invalid) {
        it(`rejects ${JSON.stringify(q)}`, () => {
            const result = quantity.safeParse(q);
            assert.equal(result.success, false);
        });
    }
    it("names the rule in its message", () => {
        const result = quantity.safeParse("lots");
        assert.equal(result.success, false);
        assert.deepEqual(
            result.error!.issues.map((i) => i.message),
            ['must be a non-negative Kubernetes quantity such as "500m", "1" or "256Mi"'],
        );
    });
});
