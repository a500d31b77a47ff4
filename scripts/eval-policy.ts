/**
 * `npm run eval:policy [path/to/train.tsv]`: the Standards Board Policy over
 * 7,896 Korean news comments labelled by people (none / offensive / hate;
 * kocohub/korean-hate-speech, CC BY-SA 4.0, vendored with its attribution in
 * data/korean-hate-speech/). Prints the share of `none`
 * comments the engine flags (false positives; kept under 5%) and the share of
 * `offensive` and `hate` ones it holds or rejects (recall), by rule.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../src/config/project-root';
import { createPolicyEngine, loadPolicyFile } from '../src/policy';

const file = process.argv[2] ?? path.join(projectRoot(), 'data/korean-hate-speech/train.tsv');
const policyFile = process.env.POLICY_FILE ?? path.join(projectRoot(), 'policy/standards-board.yaml');
const engine = createPolicyEngine(loadPolicyFile(policyFile));
const now = new Date();

const lines = fs.readFileSync(file, 'utf8').split('\n').slice(1).filter(Boolean);
type Label = 'none' | 'offensive' | 'hate';
const totals: Record<Label, number> = { none: 0, offensive: 0, hate: 0 };
const flagged: Record<Label, number> = { none: 0, offensive: 0, hate: 0 };
const byRule: Record<string, Record<Label, number>> = {};
const falsePositives: string[] = [];

for (const line of lines) {
  const cols = line.split('\t');
  const label = cols[3] as Label;
  if (!(label in totals)) continue;
  totals[label]++;
  // Length and noise are about form, not toxicity: the labels speak of content.
  const fired = engine.evaluate(cols[0], { now }).violations.filter((v) => !v.rule.startsWith('length.') && v.rule !== 'content.noise');
  if (!fired.length) continue;
  flagged[label]++;
  for (const v of fired) (byRule[v.rule] ??= { none: 0, offensive: 0, hate: 0 })[label]++;
  if (label === 'none' && falsePositives.length < 15) falsePositives.push(`${fired.map((v) => v.rule).join(',')}: ${cols[0].slice(0, 80)}`);
}

const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(1)}%`;
console.log(`eval:policy — ${lines.length.toLocaleString('en')} labelled comments from ${path.relative(process.cwd(), file)}, policy ${engine.version}`);
console.log(`  false positives: ${flagged.none} of ${totals.none} 'none' comments flagged = ${pct(flagged.none, totals.none)} (must stay under 5%)`);
console.log(`  recall, offensive: ${flagged.offensive} of ${totals.offensive} = ${pct(flagged.offensive, totals.offensive)}`);
console.log(`  recall, hate:      ${flagged.hate} of ${totals.hate} = ${pct(flagged.hate, totals.hate)}`);
console.log(`  recall, both:      ${pct(flagged.offensive + flagged.hate, totals.offensive + totals.hate)}`);
console.log('  (the lists were chosen with this corpus in view: on comments they have not seen, expect recall somewhat lower)');
console.log('  by rule (none / offensive / hate):');
for (const [rule, c] of Object.entries(byRule).sort((a, b) => b[1].hate + b[1].offensive - a[1].hate - a[1].offensive)) {
  console.log(`    ${rule.padEnd(16)} ${String(c.none).padStart(5)} ${String(c.offensive).padStart(6)} ${String(c.hate).padStart(6)}`);
}
console.log('  first false positives, for review:');
for (const fp of falsePositives) console.log(`    ${fp}`);
if (flagged.none / totals.none >= 0.05) {
  console.error('false positives are at or above 5%');
  process.exitCode = 1;
}
