/**
 * `npm run train:scorer`: trains the built-in toxicity model from the
 * labelled comments in data/korean-hate-speech/ with the settings in
 * src/policy/scorer/train.ts (FINAL_SETTINGS), writes
 * policy/scorer/toxicity.bin and its SHA-256 (policy/scorer/SHA256SUMS), and
 * prints the two band thresholds that 5-fold cross-validation gives, for
 * policy/standards-board.yaml. Deterministic: two runs write the same bytes.
 *
 * `npm run train:scorer -- --experiments` instead prints the cross-validated
 * figures of the alternatives that were tried (n-gram ranges, plain LR,
 * without the lists, self-training, the headline as context);
 * `--only=TEXT` / `--skip=TEXT` pick variants by name (self-training takes
 * several minutes a variant). `--mixes` prints, from one cross-validation of
 * the final settings (`--compact`: with word and space-free n-grams), the
 * figures of the toxic and hate scores with other shares of the two heads'
 * log-odds.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../src/config/project-root';
import { loadPolicyFile } from '../src/policy/policy-file';
import {
  auc,
  crossValidate,
  FINAL_SETTINGS,
  isToxic,
  loadCorpus,
  loadUnlabelled,
  listReader,
  makeExample,
  rates,
  thresholdAtFpr,
  toModel,
  train,
  type Example,
  type TrainSettings,
} from '../src/policy/scorer/train';
import { BAND_FPR } from '../src/policy/scorer/bands';

const root = projectRoot();
const policy = loadPolicyFile(path.join(root, 'policy/standards-board.yaml'));
const readLists = listReader(policy);
const corpus = loadCorpus(root);

function examplesFor(s: TrainSettings): Example[] {
  const buffers = {};
  return corpus.texts.map((t, i) => makeExample(t, corpus.headlines[i], corpus.labels[i], s, readLists, buffers));
}

function unlabelledFor(s: TrainSettings): Example[] {
  if (s.selfTraining.weight <= 0) return [];
  const buffers = {};
  return loadUnlabelled(root).map((t) => makeExample(t, '', 'none', s, readLists, buffers));
}

function figures(s: TrainSettings): { toxicAuc: number; toxicAt5: number; toxicAt1: number; hateAuc: number; hateAt5: number; hateAt1: number; seconds: number } {
  const start = performance.now();
  const examples = examplesFor(s);
  const cv = crossValidate(examples, s, unlabelledFor(s));
  const toxic = corpus.labels.map(isToxic);
  const hate = corpus.labels.map((l) => l === 'hate');
  const at = (scores: Float64Array, pos: boolean[], fpr: number) => rates(scores, pos, thresholdAtFpr(scores, pos, fpr)).recall;
  return {
    toxicAuc: auc(cv.scores.toxic, toxic),
    toxicAt5: at(cv.scores.toxic, toxic, 0.05),
    toxicAt1: at(cv.scores.toxic, toxic, 0.01),
    hateAuc: auc(cv.scores.hate, hate),
    hateAt5: at(cv.scores.hate, hate, 0.05),
    hateAt1: at(cv.scores.hate, hate, 0.01),
    seconds: (performance.now() - start) / 1000,
  };
}

/** The final settings' out-of-fold log-odds, mixed: toxic + a·hate for the toxic score, b·toxic + hate for the hate score. */
function mixes(): void {
  const f = FINAL_SETTINGS;
  const s: TrainSettings = process.argv.includes('--compact') ? { ...f, features: { ...f.features, compactMin: 2, compactMax: 4, wordMin: 1, wordMax: 2 } } : f;
  const cv = crossValidate(examplesFor(s), s);
  const toxic = corpus.labels.map(isToxic);
  const hate = corpus.labels.map((l) => l === 'hate');
  const lg = (p: number) => Math.log(p / (1 - p));
  const zt = Array.from(cv.scores.toxic, lg);
  const zh = Array.from(cv.scores.hate, (p, i) => lg(p) - zt[i]);
  const at = (scores: number[], pos: boolean[], fpr: number) => rates(scores, pos, thresholdAtFpr(scores, pos, fpr)).recall;
  for (const a of [-0.5, -0.25, 0, 0.25, 0.5, 1]) {
    const sc = zt.map((z, i) => z + a * zh[i]);
    console.log(`toxic + ${a}·hate: AUC ${auc(sc, toxic).toFixed(4)} R@5% ${(at(sc, toxic, 0.05) * 100).toFixed(1)} R@1% ${(at(sc, toxic, 0.01) * 100).toFixed(1)}`);
  }
  for (const b of [0, 0.5, 0.75, 1, 1.5, 2, 3]) {
    const sc = zh.map((z, i) => b * zt[i] + z);
    console.log(`${b}·toxic + hate: AUC ${auc(sc, hate).toFixed(4)} R@5% ${(at(sc, hate, 0.05) * 100).toFixed(1)} R@1% ${(at(sc, hate, 0.01) * 100).toFixed(1)}`);
  }
}

function experiments(): void {
  const f = FINAL_SETTINGS;
  const variants: [string, TrainSettings][] = [
    ['final: NB-LR, syllables 1-5 + jamo 2-5, lists', f],
    ['toxic score + a quarter of the hate head’s log-odds', { ...f, toxicHateMix: 0.25 }],
    ['the same with words 1-2 and compact syllables 2-4', { ...f, toxicHateMix: 0.25, features: { ...f.features, wordMin: 1, wordMax: 2, compactMin: 2, compactMax: 4 } }],
    ['NB-LR and plain LR averaged, NB share 0.5', { ...f, nbShare: 0.5 }],
    ['NB-LR and plain LR averaged, NB share 0.75', { ...f, nbShare: 0.75 }],
    ['plain LR (no NB ratios)', { ...f, nb: false }],
    ['without the lists as features', { ...f, listFeatures: false }],
    ['syllables 1-5 only', { ...f, features: { ...f.features, jamoMin: 0, jamoMax: 0 } }],
    ['jamo 2-5 only', { ...f, features: { ...f.features, syllableMin: 0, syllableMax: 0 } }],
    ['syllables 1-3 + jamo 2-5', { ...f, features: { ...f.features, syllableMin: 1, syllableMax: 3, jamoMin: 2, jamoMax: 5 } }],
    ['syllables 1-5 + jamo 2-8', { ...f, features: { ...f.features, syllableMin: 1, syllableMax: 5, jamoMin: 2, jamoMax: 8 } }],
    ['syllables 1-6 + jamo 2-10', { ...f, features: { ...f.features, syllableMin: 1, syllableMax: 6, jamoMin: 2, jamoMax: 10 } }],
    ['3 epochs', { ...f, epochs: 3 }],
    ['weights averaged over 8 epochs', { ...f, epochs: 8, average: true }],
    ['12 epochs', { ...f, epochs: 12 }],
    ['headline as context (weight 1)', { ...f, headlineWeight: 1 }],
    ['words 1-2 added', { ...f, features: { ...f.features, wordMin: 1, wordMax: 2 } }],
    ['words 1 added', { ...f, features: { ...f.features, wordMin: 1, wordMax: 1 } }],
    ['words 1-2 + syllables 1-3', { ...f, features: { ...f.features, syllableMax: 3, wordMin: 1, wordMax: 2 } }],
    ['compact (spaces out) syllables 2-4 added', { ...f, features: { ...f.features, compactMin: 2, compactMax: 4 } }],
    ['4 bags (orders seeded apart, weights averaged)', { ...f, bags: 4 }],
    ['hate head: offensive negatives at weight 2', { ...f, hateOffensiveWeight: 2 }],
    ['hate head: offensive negatives at weight 0.5', { ...f, hateOffensiveWeight: 0.5 }],
    ['self-training: surest 10% toxic + 30% clean of 33,893 unlabelled, weight 0.3', { ...f, selfTraining: { positiveShare: 0.1, negativeShare: 0.3, weight: 0.3 } }],
    ['self-training: surest 5% toxic + 20% clean, weight 1', { ...f, selfTraining: { positiveShare: 0.05, negativeShare: 0.2, weight: 1 } }],
  ];
  const only = process.argv.slice(2).find((a) => a.startsWith('--only='))?.slice(7);
  const skip = process.argv.slice(2).find((a) => a.startsWith('--skip='))?.slice(7);
  console.log('variant'.padEnd(78) + ' toxic AUC  R@5%  R@1% | hate AUC  R@5%  R@1% | s');
  for (const [name, s] of variants) {
    if ((only && !name.includes(only)) || (skip && name.includes(skip))) continue;
    const r = figures(s);
    const p = (x: number) => (x * 100).toFixed(1).padStart(5);
    console.log(`${name.padEnd(78)} ${r.toxicAuc.toFixed(4)} ${p(r.toxicAt5)} ${p(r.toxicAt1)} |  ${r.hateAuc.toFixed(4)} ${p(r.hateAt5)} ${p(r.hateAt1)} | ${r.seconds.toFixed(0)}`);
  }
}

function main(): void {
  if (process.argv.includes('--experiments')) return experiments();
  if (process.argv.includes('--mixes')) return mixes();
  const s = FINAL_SETTINGS;
  const start = performance.now();
  const examples = examplesFor(s);
  const unlabelled = unlabelledFor(s);
  const cv = crossValidate(examples, s, unlabelled);
  const toxic = corpus.labels.map(isToxic);
  const hold = thresholdAtFpr(cv.scores.toxic, toxic, BAND_FPR.hold);
  const reject = thresholdAtFpr(cv.scores.toxic, toxic, BAND_FPR.reject);
  const model = toModel(train(examples, s, unlabelled), s);
  const bytes = model.serialize();
  const dir = path.join(root, 'policy/scorer');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'toxicity.bin'), bytes);
  const digest = createHash('sha256').update(bytes).digest('hex');
  fs.writeFileSync(path.join(dir, 'SHA256SUMS'), `${digest}  toxicity.bin\n`);
  console.log(`train:scorer — ${examples.length.toLocaleString('en')} labelled comments, ${((performance.now() - start) / 1000).toFixed(1)} s`);
  console.log(`  wrote policy/scorer/toxicity.bin (${bytes.length.toLocaleString('en')} bytes), SHA-256 ${digest}`);
  console.log(`  cross-validated bands for policy/standards-board.yaml (toxic head; hold at ${BAND_FPR.hold * 100}% and reject at ${BAND_FPR.reject * 100}% false positives):`);
  console.log(`    toxicity:\n      hold: ${round(hold)}\n      reject: ${round(reject)}`);
  const others = [0.1, 0.05, 0.03, 0.02, 0.01, 0.005, 0.0025].map((fpr) => `${fpr * 100}%: ${round(thresholdAtFpr(cv.scores.toxic, toxic, fpr))}`);
  console.log(`  (the toxic head's cross-validated threshold at other false-positive rates, for the record: ${others.join(', ')})`);
}

/** Thresholds written with four decimals, rounded up so the false-positive rate can only fall. */
export function round(x: number): number {
  return Math.ceil(x * 10_000) / 10_000;
}

main();
