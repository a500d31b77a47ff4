import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileLists } from '../engine';
import { measure } from '../length';
import { foldCase, matchFormOfFolded } from '../normalize';
import type { Policy } from '../types';
import { DEFAULT_FEATURES, extract, FEATURE_BITS, type FeatureBuffers, type FeatureSettings } from './features';
import { HEADS, LIST_FEATURES, ToxicityModel, type HeadName, type HeadWeights, type ListFlags } from './model';

/**
 * The training and cross-validation procedure, shared by
 * `npm run train:scorer` (which writes policy/scorer/toxicity.bin) and
 * `npm run eval:policy` (which reproduces the figures): everything is
 * deterministic, seeded shuffles and a fixed order of floating-point
 * operations, so two runs give the same bytes.
 */
export type Label = 'none' | 'offensive' | 'hate';

export interface TrainSettings {
  features: FeatureSettings;
  /** Naive-Bayes log-count ratios scale the n-grams before the logistic regression (NB-LR); false: plain logistic regression. */
  nb: boolean;
  nbAlpha: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** The word lists' verdict joins as features. */
  listFeatures: boolean;
  /** Self-training: unlabelled comments the first model is surest of join as labelled ones (shares of the unlabelled set), 0 for off. */
  selfTraining: { positiveShare: number; negativeShare: number; weight: number };
  /** The weights averaged over the epochs' ends (and the bias and list weights too), rather than the last epoch's. */
  average: boolean;
  /** Each distinct n-gram once per comment (presence), rather than every occurrence. */
  binary: boolean;
  /** The article's headline as context: its n-grams join the comment's at this weight, 0 for off. */
  headlineWeight: number;
  /** The weight of an `offensive` comment as a negative of the hate head (1: as any other). */
  hateOffensiveWeight: number;
  /** Models trained on differently seeded orders whose weights are averaged (a linear model: the average is one model of the same size); 1 for one. */
  bags: number;
  /** The share of the hate head's log-odds added to the toxic score (the engine reads it from the file). */
  toxicHateMix: number;
  /** The share of the NB-LR head in a weight average with a plain logistic regression on the same n-grams (1: NB-LR alone). */
  nbShare: number;
}

export const FINAL_SETTINGS: TrainSettings = {
  features: DEFAULT_FEATURES,
  nb: true,
  nbAlpha: 1,
  epochs: 6,
  learningRate: 0.3,
  l2: 1e-6,
  seed: 20261201,
  listFeatures: true,
  binary: false,
  average: false,
  selfTraining: { positiveShare: 0, negativeShare: 0, weight: 0 },
  headlineWeight: 0,
  hateOffensiveWeight: 1,
  bags: 1,
  toxicHateMix: 0,
  nbShare: 1,
};

export interface Example {
  /** Hashed n-gram indices, every occurrence. */
  idx: Int32Array;
  /** 1/sqrt(number of n-grams). */
  norm: number;
  lists: Uint8Array;
  label: Label;
  /** For self-training examples: the pseudo-labels, and their weight. */
  weight: number;
  toxic: number;
  hate: number;
}

export interface Corpus {
  texts: string[];
  labels: Label[];
  headlines: string[];
}

export function dataDir(root: string): string {
  return path.join(root, 'data/korean-hate-speech');
}

/** train.tsv (comments, gender bias, bias, hate) and its line-aligned headlines. */
export function loadCorpus(root: string): Corpus {
  const dir = dataDir(root);
  const lines = fs.readFileSync(path.join(dir, 'train.tsv'), 'utf8').split('\n').slice(1).filter(Boolean);
  const titlesFile = path.join(dir, 'news_title/train.news_title.txt');
  const titles = fs.existsSync(titlesFile) ? fs.readFileSync(titlesFile, 'utf8').split('\n') : [];
  const texts: string[] = [];
  const labels: Label[] = [];
  const headlines: string[] = [];
  lines.forEach((line, i) => {
    const cols = line.split('\t');
    const label = cols[3] as Label;
    if (label !== 'none' && label !== 'offensive' && label !== 'hate') return;
    texts.push(cols[0]);
    labels.push(label);
    headlines.push((titles[i] ?? '').replace(/^"|"$/g, ''));
  });
  return { texts, labels, headlines };
}

export function loadUnlabelled(root: string): string[] {
  const file = path.join(dataDir(root), 'unlabeled/unlabeled_comments_5.txt');
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
}

/** The text as the engine folds it before scoring. */
export function foldForScoring(body: string): string {
  return foldCase(measure(body).text);
}

export type ListReader = (folded: string, original: string) => ListFlags;

/** The word lists' verdict on a text, as the engine's list rules see it. */
export function listReader(policy: Policy): ListReader {
  const lists = compileLists(policy);
  return (folded, original) => {
    const hits = lists.words.scan(matchFormOfFolded(folded, original));
    return { profanity: hits.profanity.size > 0, hate: hits.hate.size > 0, obscene: hits.obscene.size > 0, violence: hits.violence.size > 0 };
  };
}

const HEADLINE_SEED_SHIFT = 0x5bd1e995;

export function makeExample(text: string, headline: string, label: Label, settings: TrainSettings, readLists: ListReader, buffers: FeatureBuffers = {}): Example {
  const original = measure(text).text;
  const folded = foldCase(original);
  const out: number[] = [];
  extract(folded, settings.features, (h) => out.push(h), buffers);
  if (settings.binary) {
    const unique = [...new Set(out)].sort((a, b) => a - b);
    out.length = 0;
    out.push(...unique);
  }
  let count = out.length;
  if (settings.headlineWeight > 0 && headline) {
    // Headline n-grams in their own region of the space (a shifted hash), so "the headline says X" differs from "the comment says X".
    const before = out.length;
    extract(foldForScoring(headline), settings.features, (h) => out.push((h ^ HEADLINE_SEED_SHIFT) & ((1 << FEATURE_BITS) - 1)), {});
    count = before;
  }
  const flags = readLists(folded, original);
  return {
    idx: Int32Array.from(out),
    norm: count > 0 ? 1 / Math.sqrt(count) : 0,
    lists: Uint8Array.from(LIST_FEATURES.map((k) => (settings.listFeatures && flags[k] ? 1 : 0))),
    label,
    weight: 1,
    toxic: label === 'none' ? 0 : 1,
    hate: label === 'hate' ? 1 : 0,
  };
}

/** mulberry32: a small seeded generator, the same sequence on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** Stratified by label: fold k of every comment, the same for every run with the same seed. */
export function folds(labels: Label[], k: number, seed: number): number[] {
  const random = rng(seed);
  const fold = new Array<number>(labels.length).fill(0);
  for (const label of ['none', 'offensive', 'hate'] as const) {
    const members = labels.map((l, i) => (l === label ? i : -1)).filter((i) => i >= 0);
    shuffled(members.length, random).forEach((pos, rank) => (fold[members[pos]] = rank % k));
  }
  return fold;
}

const SIZE = 1 << FEATURE_BITS;

function weightOf(ex: Example, head: HeadName, s: TrainSettings): number {
  return head === 'hate' && ex.label === 'offensive' ? ex.weight * s.hateOffensiveWeight : ex.weight;
}

/** Naive-Bayes log-count ratios of the n-grams for one head (alpha-smoothed). */
function nbRatios(examples: Example[], head: HeadName, alpha: number, s: TrainSettings): Float32Array {
  const pos = new Float64Array(SIZE).fill(alpha);
  const neg = new Float64Array(SIZE).fill(alpha);
  let pSum = alpha * SIZE;
  let nSum = alpha * SIZE;
  for (const ex of examples) {
    const y = ex[head];
    const target = y >= 0.5 ? pos : neg;
    const add = weightOf(ex, head, s) * ex.norm;
    for (let i = 0; i < ex.idx.length; i++) target[ex.idx[i]] += add;
    if (y >= 0.5) pSum += add * ex.idx.length;
    else nSum += add * ex.idx.length;
  }
  const r = new Float32Array(SIZE);
  const lp = Math.log(pSum);
  const ln = Math.log(nSum);
  for (let i = 0; i < SIZE; i++) r[i] = Math.log(pos[i]) - lp - (Math.log(neg[i]) - ln);
  return r;
}

/** Full-precision weights of one head: w already multiplied by the NB ratios. */
export interface FloatHead {
  weights: Float32Array;
  bias: number;
  lists: number[];
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** One head, or the average of `bags` heads trained on differently seeded orders. */
export function trainHead(examples: Example[], head: HeadName, s: TrainSettings): FloatHead {
  if (s.nbShare < 1 && s.nb) {
    // Both are linear in the same n-grams: the average of their log-odds is one head.
    const a = trainHead(examples, head, { ...s, nbShare: 1 });
    const b = trainHead(examples, head, { ...s, nbShare: 1, nb: false });
    const k = s.nbShare;
    return { weights: a.weights.map((x, i) => k * x + (1 - k) * b.weights[i]), bias: k * a.bias + (1 - k) * b.bias, lists: a.lists.map((x, i) => k * x + (1 - k) * b.lists[i]) };
  }
  if (s.bags <= 1) return trainOne(examples, head, s);
  const out: FloatHead = { weights: new Float32Array(SIZE), bias: 0, lists: new Array<number>(LIST_FEATURES.length).fill(0) };
  for (let b = 0; b < s.bags; b++) {
    const one = trainOne(examples, head, { ...s, seed: s.seed + 7919 * b });
    for (let i = 0; i < SIZE; i++) out.weights[i] += one.weights[i] / s.bags;
    out.bias += one.bias / s.bags;
    one.lists.forEach((x, k) => (out.lists[k] += x / s.bags));
  }
  return out;
}

/** Logistic regression by AdaGrad over the examples in a seeded order; lazily L2-decayed only where a feature is seen. */
function trainOne(examples: Example[], head: HeadName, s: TrainSettings): FloatHead {
  const r = s.nb ? nbRatios(examples, head, s.nbAlpha, s) : new Float32Array(SIZE).fill(1);
  const w = new Float32Array(SIZE);
  const g2 = new Float32Array(SIZE).fill(1e-8);
  let bias = 0;
  let bg2 = 1e-8;
  const lw = new Float64Array(LIST_FEATURES.length);
  const lg2 = new Float64Array(LIST_FEATURES.length).fill(1e-8);
  const random = rng(s.seed ^ (head === 'toxic' ? 1 : 2));
  const avg = s.average ? new Float32Array(SIZE) : null;
  let avgBias = 0;
  const avgLists = new Float64Array(LIST_FEATURES.length);
  for (let epoch = 0; epoch < s.epochs; epoch++) {
    for (const e of shuffled(examples.length, random)) {
      const ex = examples[e];
      let z = bias;
      for (let i = 0; i < ex.idx.length; i++) z += w[ex.idx[i]] * r[ex.idx[i]] * ex.norm;
      for (let k = 0; k < lw.length; k++) if (ex.lists[k]) z += lw[k];
      const g = (sigmoid(z) - ex[head]) * weightOf(ex, head, s);
      for (let i = 0; i < ex.idx.length; i++) {
        const h = ex.idx[i];
        const gi = g * r[h] * ex.norm + s.l2 * w[h];
        g2[h] += gi * gi;
        w[h] -= (s.learningRate * gi) / Math.sqrt(g2[h]);
      }
      for (let k = 0; k < lw.length; k++) {
        if (!ex.lists[k]) continue;
        lg2[k] += g * g;
        lw[k] -= (s.learningRate * g) / Math.sqrt(lg2[k]);
      }
      bg2 += g * g;
      bias -= (s.learningRate * g) / Math.sqrt(bg2);
    }
    if (avg) {
      for (let i = 0; i < SIZE; i++) avg[i] += w[i] / s.epochs;
      avgBias += bias / s.epochs;
      for (let k = 0; k < lw.length; k++) avgLists[k] += lw[k] / s.epochs;
    }
  }
  if (avg) {
    w.set(avg);
    bias = avgBias;
    lw.set(avgLists);
  }
  for (let i = 0; i < SIZE; i++) w[i] *= r[i];
  return { weights: w, bias, lists: Array.from(lw) };
}

/**
 * int8 with one scale per head. The scale is set by a high quantile of the
 * non-zero magnitudes rather than the largest one, and larger weights are
 * clipped: a few extreme n-grams would otherwise round every ordinary one to 0.
 */
export function quantize(head: FloatHead, quantile = 0.9995): HeadWeights {
  const mags: number[] = [];
  for (let i = 0; i < head.weights.length; i++) if (head.weights[i] !== 0) mags.push(Math.abs(head.weights[i]));
  mags.sort((a, b) => a - b);
  const top = mags.length ? mags[Math.min(mags.length - 1, Math.floor(mags.length * quantile))] : 1;
  const scale = top / 127 || 1;
  const q = new Int8Array(head.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(head.weights[i] / scale)));
  // Rounded so that the header's JSON is the same on every run and machine.
  return { weights: q, scale: Number(scale.toPrecision(9)), bias: Number(head.bias.toPrecision(9)), lists: head.lists.map((x) => Number(x.toPrecision(9))) };
}

/** The log-odds a quantised head gives an example: the same sum the engine's model computes from text. */
export function logit(head: HeadWeights, ex: Example): number {
  let t = 0;
  for (let i = 0; i < ex.idx.length; i++) t += head.weights[ex.idx[i]];
  let z = head.bias + t * head.scale * ex.norm;
  for (let k = 0; k < head.lists.length; k++) if (ex.lists[k]) z += head.lists[k];
  return z;
}

/** Both scores as the engine gives them (model.ts): the hate score joins both heads' log-odds. */
export function predict(heads: Record<HeadName, HeadWeights>, ex: Example, toxicHateMix = 0): { toxic: number; hate: number } {
  const zt = logit(heads.toxic, ex);
  const zh = logit(heads.hate, ex);
  return { toxic: sigmoid(zt + toxicHateMix * zh), hate: sigmoid(zt + zh) };
}

export interface TrainResult {
  heads: Record<HeadName, HeadWeights>;
  /** Pseudo-labelled unlabelled comments that joined (self-training), 0 when off. */
  pseudo: number;
}

/** Scores of the unlabelled comments by a first model, and the surest ones as extra examples. */
function pseudoLabel(first: Record<HeadName, HeadWeights>, unlabelled: Example[], s: TrainSettings): Example[] {
  if (!unlabelled.length || s.selfTraining.weight <= 0) return [];
  const scored = unlabelled.map((ex) => ({ ex, ...predict(first, ex, s.toxicHateMix) }));
  const byToxic = [...scored.keys()].sort((a, b) => scored[b].toxic - scored[a].toxic || a - b);
  const nPos = Math.floor(unlabelled.length * s.selfTraining.positiveShare);
  const nNeg = Math.floor(unlabelled.length * s.selfTraining.negativeShare);
  const chosen: Example[] = [];
  for (const i of byToxic.slice(0, nPos)) chosen.push({ ...scored[i].ex, toxic: 1, hate: scored[i].hate >= 0.5 ? 1 : 0, weight: s.selfTraining.weight });
  for (const i of byToxic.slice(byToxic.length - nNeg)) chosen.push({ ...scored[i].ex, toxic: 0, hate: 0, weight: s.selfTraining.weight });
  return chosen;
}

export function train(examples: Example[], s: TrainSettings, unlabelled: Example[] = []): TrainResult {
  const fit = (exs: Example[]) => Object.fromEntries(HEADS.map((h) => [h, quantize(trainHead(exs, h, s))])) as Record<HeadName, HeadWeights>;
  const first = fit(examples);
  const extra = pseudoLabel(first, unlabelled, s);
  if (!extra.length) return { heads: first, pseudo: 0 };
  return { heads: fit([...examples, ...extra]), pseudo: extra.length };
}

export function toModel(result: TrainResult, s: TrainSettings): ToxicityModel {
  const { features, ...rest } = s;
  return new ToxicityModel(features, result.heads, { ...rest, pseudoLabelled: result.pseudo }, s.toxicHateMix);
}

export interface CrossValidation {
  /** Out-of-fold probabilities per comment, per head. */
  scores: Record<HeadName, Float64Array>;
  folds: number[];
}

export const CV_FOLDS = 5;
export const CV_SEED = 7;

/** 5-fold cross-validation: every comment scored by the model trained without its fold. */
export function crossValidate(examples: Example[], s: TrainSettings, unlabelled: Example[] = [], onFold?: (k: number) => void): CrossValidation {
  const fold = folds(
    examples.map((e) => e.label),
    CV_FOLDS,
    CV_SEED,
  );
  const scores = { toxic: new Float64Array(examples.length), hate: new Float64Array(examples.length) };
  for (let k = 0; k < CV_FOLDS; k++) {
    const { heads } = train(
      examples.filter((_, i) => fold[i] !== k),
      s,
      unlabelled,
    );
    examples.forEach((ex, i) => {
      if (fold[i] !== k) return;
      const p = predict(heads, ex, s.toxicHateMix);
      scores.toxic[i] = p.toxic;
      scores.hate[i] = p.hate;
    });
    onFold?.(k);
  }
  return { scores, folds: fold };
}

/** ROC AUC by ranks, ties counted half. */
export function auc(scores: ArrayLike<number>, positive: boolean[]): number {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSum = 0;
  let nPos = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]] === scores[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (positive[order[k]]) (rankSum += rank), nPos++;
    i = j + 1;
  }
  const nNeg = order.length - nPos;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** The lowest threshold at which at most `fpr` of the negatives score at or above it. */
export function thresholdAtFpr(scores: ArrayLike<number>, positive: boolean[], fpr: number): number {
  const neg: number[] = [];
  for (let i = 0; i < scores.length; i++) if (!positive[i]) neg.push(scores[i]);
  neg.sort((a, b) => b - a);
  const allowed = Math.floor(neg.length * fpr);
  // Strictly above the (allowed+1)-th highest negative.
  const t = neg[allowed];
  return t === undefined ? 0 : nextUp(t);
}

function nextUp(x: number): number {
  return x + Math.max(Number.EPSILON * Math.abs(x), 1e-12);
}

/** Share of negatives and of positives at or above the threshold. */
export function rates(scores: ArrayLike<number>, positive: boolean[], threshold: number): { fpr: number; recall: number } {
  let fp = 0;
  let tp = 0;
  let nPos = 0;
  for (let i = 0; i < scores.length; i++) {
    if (positive[i]) {
      nPos++;
      if (scores[i] >= threshold) tp++;
    } else if (scores[i] >= threshold) fp++;
  }
  return { fpr: fp / (scores.length - nPos), recall: tp / nPos };
}

export function isToxic(label: Label): boolean {
  return label !== 'none';
}
