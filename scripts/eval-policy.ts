/**
 * `npm run eval:policy`: the Standards Board Policy over 7,896 Korean news
 * comments labelled by people (none / offensive / hate;
 * kocohub/korean-hate-speech, CC BY-SA 4.0, vendored with its attribution in
 * data/korean-hate-speech/).
 *
 * The word lists: the share of `none` comments they flag (false positives;
 * kept under 5%) and of `offensive` and `hate` ones (recall), by rule.
 *
 * The toxicity scorer: 5-fold cross-validation with the final settings
 * (src/policy/scorer/train.ts, the same folds and seed as
 * `npm run train:scorer`, int8 weights as shipped), so every comment is scored
 * by a model that never saw it: ROC AUC, recall at 5% and 1% false positives
 * for both heads, and the false positives and recall of the policy file's
 * hold and reject bands; the word lists alone side by side, and the two
 * together as the engine runs them.
 */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../src/config/project-root';
import { createPolicyEngine, loadPolicyFile } from '../src/policy';
import { hangulShare } from '../src/policy/scorer/scorer';
import { auc, crossValidate, FINAL_SETTINGS, foldForScoring, isToxic, listReader, loadCorpus, loadUnlabelled, makeExample, rates, thresholdAtFpr, type Label } from '../src/policy/scorer/train';

const root = projectRoot();
const policyFile = process.env.POLICY_FILE ?? path.join(root, 'policy/standards-board.yaml');
const policy = loadPolicyFile(policyFile);
// The lists alone: the same policy without its scorer.
const listsOnly = createPolicyEngine({ ...policy, toxicity: undefined });
const now = new Date();
const corpus = loadCorpus(root);
const labels = corpus.labels;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const totals: Record<Label, number> = { none: 0, offensive: 0, hate: 0 };
const flagged: Record<Label, number> = { none: 0, offensive: 0, hate: 0 };
const byRule: Record<string, Record<Label, number>> = {};
const falsePositives: string[] = [];
const listFlag: boolean[] = [];
const listRefuse: boolean[] = [];

corpus.texts.forEach((text, i) => {
  const label = labels[i];
  totals[label]++;
  // Length and noise are about form, not toxicity: the labels speak of content.
  const verdict = listsOnly.evaluate(text, { now });
  const fired = verdict.violations.filter((v) => !v.rule.startsWith('length.') && v.rule !== 'content.noise');
  listFlag.push(fired.length > 0);
  listRefuse.push(fired.some((v) => v.action === 'reject'));
  if (!fired.length) return;
  flagged[label]++;
  for (const v of fired) (byRule[v.rule] ??= { none: 0, offensive: 0, hate: 0 })[label]++;
  if (label === 'none' && falsePositives.length < 10) falsePositives.push(`${fired.map((v) => v.rule).join(',')}: ${text.slice(0, 80)}`);
});

console.log(`eval:policy — ${labels.length.toLocaleString('en')} labelled comments from data/korean-hate-speech/train.tsv, policy ${policy.version}`);
console.log('');
console.log('The word lists alone (every rule but length and noise):');
console.log(`  false positives: ${flagged.none} of ${totals.none} 'none' comments flagged = ${pct(flagged.none / totals.none)} (must stay under 5%)`);
console.log(`  recall, offensive: ${flagged.offensive} of ${totals.offensive} = ${pct(flagged.offensive / totals.offensive)}`);
console.log(`  recall, hate:      ${flagged.hate} of ${totals.hate} = ${pct(flagged.hate / totals.hate)}`);
console.log(`  recall, both:      ${pct((flagged.offensive + flagged.hate) / (totals.offensive + totals.hate))}`);
console.log('  (the lists were chosen with this corpus in view: on comments they have not seen, expect recall somewhat lower)');
console.log('  by rule (none / offensive / hate):');
for (const [rule, c] of Object.entries(byRule).sort((a, b) => b[1].hate + b[1].offensive - a[1].hate - a[1].offensive)) {
  console.log(`    ${rule.padEnd(16)} ${String(c.none).padStart(5)} ${String(c.offensive).padStart(6)} ${String(c.hate).padStart(6)}`);
}
console.log('  first false positives, for review:');
for (const fp of falsePositives) console.log(`    ${fp}`);

let failed = flagged.none / totals.none >= 0.05;

if (policy.toxicity) {
  const bands = policy.toxicity;
  const started = performance.now();
  const readLists = listReader(policy);
  const s = FINAL_SETTINGS;
  const buffers = {};
  const examples = corpus.texts.map((t, i) => makeExample(t, corpus.headlines[i], labels[i], s, readLists, buffers));
  const unlabelled = s.selfTraining.weight > 0 ? loadUnlabelled(root).map((t) => makeExample(t, '', 'none', s, readLists, buffers)) : [];
  const cv = crossValidate(examples, s, unlabelled);
  const seconds = (performance.now() - started) / 1000;
  const abstains = corpus.texts.map((t) => hangulShare(foldForScoring(t)) < bands.minHangulShare);

  const toxic = labels.map(isToxic);
  const hate = labels.map((l) => l === 'hate');
  // The hate head against `none` only: a false positive is an innocent comment flagged.
  const notOffensive = labels.map((l, i) => (l === 'offensive' ? -1 : i)).filter((i) => i >= 0);
  const sub = (xs: ArrayLike<number>, idx: number[]) => idx.map((i) => xs[i]);
  const listScore = listFlag.map((f) => (f ? 1 : 0));

  type Row = { name: string; auc: number; at5: number; at1: number };
  const row = (name: string, scores: ArrayLike<number>, pos: boolean[]): Row => ({
    name,
    auc: auc(scores, pos),
    at5: rates(scores, pos, thresholdAtFpr(scores, pos, 0.05)).recall,
    at1: rates(scores, pos, thresholdAtFpr(scores, pos, 0.01)).recall,
  });
  // The lists are one yes/no: their AUC is that of a single point, their recall at a false-positive rate their own recall if their rate is within it.
  const listRow = (name: string, pos: boolean[], idx?: number[]): Row => {
    const scores = idx ? sub(listScore, idx) : listScore;
    const p = idx ? idx.map((i) => pos[i]) : pos;
    const r = rates(scores, p, 1);
    return { name, auc: auc(scores, p), at5: r.fpr <= 0.05 ? r.recall : 0, at1: r.fpr <= 0.01 ? r.recall : 0 };
  };
  const rows: [Row, Row][] = [
    [row('toxic (offensive or hate) vs none', cv.scores.toxic, toxic), listRow('', toxic)],
    [row('hate vs the rest (none, offensive)', cv.scores.hate, hate), listRow('', hate)],
    [row('hate vs none', sub(cv.scores.hate, notOffensive), notOffensive.map((i) => hate[i])), listRow('', hate, notOffensive)],
  ];
  console.log('');
  console.log(`The toxicity scorer, 5-fold cross-validation (stratified, seed fixed; int8 weights as shipped; ${seconds.toFixed(0)} s):`);
  console.log(`  settings: ${JSON.stringify({ ...s, features: undefined })}, features ${JSON.stringify(s.features)}`);
  console.log(`  ${'head'.padEnd(36)} ${'scorer: AUC'.padStart(11)} ${'R@5%FP'.padStart(7)} ${'R@1%FP'.padStart(7)}   ${'lists: AUC'.padStart(10)} ${'R@5%FP'.padStart(7)} ${'R@1%FP'.padStart(7)}`);
  for (const [m, l] of rows) {
    console.log(`  ${m.name.padEnd(36)} ${m.auc.toFixed(4).padStart(11)} ${pct(m.at5).padStart(7)} ${pct(m.at1).padStart(7)}   ${l.auc.toFixed(4).padStart(10)} ${pct(l.at5).padStart(7)} ${pct(l.at1).padStart(7)}`);
  }

  // The bands as the engine applies them: the toxic head's score, no band where the model abstains.
  const inBand = (i: number, t: number) => !abstains[i] && cv.scores.toxic[i] >= t;
  const share = (pred: (i: number) => boolean, which: (l: Label) => boolean) => {
    const idx = labels.map((l, i) => (which(l) ? i : -1)).filter((i) => i >= 0);
    return idx.filter(pred).length / idx.length;
  };
  const line = (name: string, pred: (i: number) => boolean) =>
    console.log(
      `  ${name.padEnd(44)} false positives ${pct(share(pred, (l) => l === 'none')).padStart(6)}   recall: offensive ${pct(share(pred, (l) => l === 'offensive')).padStart(6)}, hate ${pct(share(pred, (l) => l === 'hate')).padStart(6)}, both ${pct(share(pred, isToxic)).padStart(6)}`,
    );
  console.log('');
  console.log(`The bands of ${path.relative(root, policyFile)} (toxic head; hold ≥ ${bands.hold}, reject ≥ ${bands.reject}; abstains below ${bands.minHangulShare * 100}% Hangul: ${abstains.filter(Boolean).length} comments here):`);
  line('hold band or above (held or refused)', (i) => inBand(i, bands.hold));
  line('reject band (refused)', (i) => inBand(i, bands.reject));
  line('the word lists alone (held or refused)', (i) => listFlag[i]);
  line('the word lists alone, refused', (i) => listRefuse[i]);
  line('lists + scorer, held or refused', (i) => listFlag[i] || inBand(i, bands.hold));
  line('lists + scorer, refused', (i) => listRefuse[i] || inBand(i, bands.reject));

  const rejectFpr = share((i) => inBand(i, bands.reject), (l) => l === 'none');
  if (rejectFpr > 0.01) {
    console.error('the reject band refuses more than 1% of innocent comments');
    failed = true;
  }
}

if (failed) {
  console.error('false positives are at or above 5%');
  process.exitCode = 1;
}
