import type { Measured } from './load';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A horizontal bar per scenario (requests/s), coloured by target; no dependencies. */
export function chart(rows: (Measured & { target: string })[]): string {
  const shown = rows.filter((r) => r.rps > 0);
  const max = Math.max(1, ...shown.map((r) => r.rps));
  const colour: Record<string, string> = { service: '#2b6cb0', baseline: '#718096', embedded: '#dd6b20' };
  const bar = 18;
  const left = 360;
  const width = 900;
  const height = 40 + shown.length * (bar + 6);
  const items = shown
    .map((r, i) => {
      const y = 30 + i * (bar + 6);
      const w = Math.max(1, ((width - left - 90) * r.rps) / max);
      return `<text x="${left - 8}" y="${y + 13}" text-anchor="end">${esc(`${r.target}: ${r.name}`)}</text><rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${bar}" fill="${colour[r.target] ?? '#555'}"/><text x="${(left + w + 6).toFixed(1)}" y="${y + 13}">${r.rps.toFixed(0)}/s</text>`;
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">
<text x="10" y="18" font-weight="bold">npm run bench: requests/s per scenario (service blue, baseline grey, embedded orange)</text>
${items}
</svg>
`;
}
