// Summaries of repeated measurements: median and spread (min..max).
export interface Summary {
    median: number;
    min: number;
    max: number;
    n: number;
}

export function median(values: number[]): number {
    const s = [...values].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function summarize(values: number[]): Summary {
    if (values.length === 0) throw new Error("no values to summarize");
    return { median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length };
}

/** Ratios of paired repetitions (measured back to back), a[i] / b[i]. */
export function pairedRatios(a: number[], b: number[]): number[] {
    return a.map((v, i) => v / b[i]);
}
