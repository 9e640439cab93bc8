// An SVG line chart of preview time against N (log scale), one line per series, with min..max bars.
import type { Summary } from "./stats";

export interface Series {
    label: string;
    color: string;
    points: { n: number; seconds: Summary }[];
}

const W = 640;
const H = 400;
const M = { left: 60, right: 20, top: 40, bottom: 50 };

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** A "nice" axis step (1, 2 or 5 times a power of ten) giving about five ticks up to max. */
function step(max: number): number {
    const raw = max / 5;
    const p = 10 ** Math.floor(Math.log10(raw));
    return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw)!;
}

export function previewChart(title: string, series: Series[]): string {
    const ns = [...new Set(series.flatMap((s) => s.points.map((p) => p.n)))].sort((a, b) => a - b);
    const ymax = Math.max(...series.flatMap((s) => s.points.map((p) => p.seconds.max)));
    const yStep = step(ymax);
    const yTop = Math.ceil(ymax / yStep) * yStep;
    const [lo, hi] = [Math.log10(ns[0]), Math.log10(ns[ns.length - 1])];
    const round = (v: number) => Math.round(v * 10) / 10;
    const x = (n: number) => round(M.left + (hi === lo ? 0.5 : (Math.log10(n) - lo) / (hi - lo)) * (W - M.left - M.right));
    const y = (s: number) => round(H - M.bottom - (s / yTop) * (H - M.top - M.bottom));
    const out: string[] = [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
        `<rect width="${W}" height="${H}" fill="white"/>`,
        `<text x="${W / 2}" y="22" text-anchor="middle" font-size="14">${esc(title)}</text>`,
    ];
    for (let v = 0; v <= yTop + 1e-9; v += yStep) {
        out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`);
        out.push(`<text x="${M.left - 6}" y="${y(v) + 4}" text-anchor="end">${+v.toFixed(2)}</text>`);
    }
    for (const n of ns) out.push(`<text x="${x(n)}" y="${H - M.bottom + 18}" text-anchor="middle">${n}</text>`);
    out.push(`<text x="${W / 2}" y="${H - 12}" text-anchor="middle">agents (N, log scale)</text>`);
    out.push(`<text x="16" y="${H / 2}" text-anchor="middle" transform="rotate(-90 16 ${H / 2})">pulumi preview, seconds (median, min..max)</text>`);
    out.push(`<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" stroke="black"/>`);
    out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="black"/>`);
    series.forEach((s, i) => {
        const pts = s.points.map((p) => `${x(p.n)},${y(p.seconds.median)}`).join(" ");
        out.push(`<polyline points="${pts}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
        for (const p of s.points) {
            out.push(`<line x1="${x(p.n)}" x2="${x(p.n)}" y1="${y(p.seconds.min)}" y2="${y(p.seconds.max)}" stroke="${s.color}"/>`);
            out.push(`<circle cx="${x(p.n)}" cy="${y(p.seconds.median)}" r="3" fill="${s.color}"/>`);
        }
        const ly = M.top + 8 + i * 18;
        out.push(`<line x1="${M.left + 12}" x2="${M.left + 36}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"/>`);
        out.push(`<text x="${M.left + 42}" y="${ly + 4}">${esc(s.label)}</text>`);
    });
    out.push("</svg>");
    return out.join("\n") + "\n";
}
