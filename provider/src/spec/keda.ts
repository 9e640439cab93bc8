// What KEDA's scalers check on trigger metadata we know (pkg/scalers: cron_scaler.go, prometheus_scaler.go),
// so a ScaledObject we write is never left inactive by a parse error in the KEDA operator's log.

// The cron scaler parses with robfig/cron v3, fields Minute | Hour | Dom | Month | Dow: five fields,
// each a comma list of `*`, `?`, `n`, `a-b`, optionally `/step`; month and weekday names allowed;
// no `L`, `W`, `#`, descriptors (`@daily`) or a sixth field. Weekdays are 0-6.
const CRON_FIELDS = [
    { name: "minute", min: 0, max: 59 },
    { name: "hour", min: 0, max: 23 },
    { name: "day of month", min: 1, max: 31 },
    { name: "month", min: 1, max: 12, names: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], first: 1 },
    { name: "day of week", min: 0, max: 6, names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"], first: 0 },
];

function cronValue(text: string, field: (typeof CRON_FIELDS)[number]): number | undefined {
    const named = field.names?.indexOf(text.toLowerCase()) ?? -1;
    if (named >= 0) return named + field.first!;
    return /^[0-9]+$/.test(text) ? Number(text) : undefined;
}

function cronFieldProblem(text: string, field: (typeof CRON_FIELDS)[number]): string | undefined {
    for (const part of text.split(",")) {
        const [range, step, extra] = part.split("/");
        if (extra !== undefined || (step !== undefined && !/^[0-9]+$/.test(step)) || step === "0") return `${field.name} "${part}" has an invalid step`;
        if (range === "*" || range === "?") continue;
        const bounds = range.split("-");
        if (bounds.length > 2) return `${field.name} "${part}" is not a value or a range`;
        const values = bounds.map((b) => cronValue(b, field));
        if (values.some((v) => v === undefined)) return `${field.name} "${part}" is not a value or a range`;
        const [low, high = low] = values as number[];
        if (low < field.min || high > field.max) return `${field.name} "${part}" is outside ${field.min}-${field.max}`;
        if (low > high) return `${field.name} "${part}" has its start after its end`;
    }
    return undefined;
}

/** Why KEDA's cron scaler would refuse `expr`, or undefined when it parses. */
export function cronProblem(expr: string): string | undefined {
    const fields = expr.trim().split(/\s+/);
    if (fields.length !== 5) return `must have 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}`;
    for (let i = 0; i < 5; i++) {
        const problem = cronFieldProblem(fields[i], CRON_FIELDS[i]);
        if (problem) return problem;
    }
    return undefined;
}

// Go's time.LoadLocation: exact (case-sensitive) IANA names, "UTC" and "Local"; aliases such as
// "US/Eastern" exist in the tz database too. Node's ICU knows the same database but matches
// case-insensitively, so a name must also be spelt as the database spells it.
const CANONICAL_ZONES = new Set(Intl.supportedValuesOf("timeZone"));
const ZONE_SPELLING = /^[A-Z][A-Za-z0-9_+-]*(\/[A-Z0-9][A-Za-z0-9_+-]*)*$/;
export function isTimeZone(zone: string): boolean {
    if (CANONICAL_ZONES.has(zone) || zone === "UTC" || zone === "Local") return true;
    if (!ZONE_SPELLING.test(zone)) return false;
    try {
        new Intl.DateTimeFormat("en-US", { timeZone: zone });
        return true;
    } catch {
        return false;
    }
}

/** Prometheus serverAddress: KEDA passes it to net/url and builds `<address>/api/v1/query?...` from it. */
export const PROMETHEUS_ADDRESS = /^https?:\/\/[^\s/?#@]+(\/[^\s?#]*)?$/;
