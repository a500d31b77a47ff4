import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { DEFAULT_FEATURES, extract, FEATURE_BITS, FEATURE_MASK, FNV_OFFSET, FNV_PRIME, JAMO_SEED, SYLLABLE_SEED, toJamo, toUnits, toWords, WORD_SEED, toCompact, COMPACT_SEED, type FeatureBuffers, type FeatureSettings, type Units } from './features';

/**
 * The built-in toxicity model: one linear head per question (toxic: offensive
 * or hate against none; hate: hate against the rest) over the hashed n-grams
 * of features.ts, plus one weight per word list that fired (profanity, hate,
 * obscene, violence). Weights are int8 with one scale per head: 2^20 bytes a
 * head, read straight from the file.
 *
 * File (policy/scorer/toxicity.bin): the line `newsroom-toxicity 1`, one line
 * of JSON (settings, per head its bias, scale and list weights, the payload's
 * SHA-256), then the heads' int8 weights one after the other.
 */
export const HEADS = ['toxic', 'hate'] as const;
export type HeadName = (typeof HEADS)[number];
export const LIST_FEATURES = ['profanity', 'hate', 'obscene', 'violence'] as const;
export type ListFlags = Record<(typeof LIST_FEATURES)[number], boolean>;

const MAGIC = 'newsroom-toxicity 1\n';

export interface HeadWeights {
  /** int8 weights of the n-grams; the real weight is weights[i] * scale. */
  weights: Int8Array;
  scale: number;
  bias: number;
  /** One weight per entry of LIST_FEATURES. */
  lists: number[];
}

export interface ModelHeader {
  featureBits: number;
  features: FeatureSettings;
  heads: Record<HeadName, { scale: number; bias: number; lists: number[] }>;
  /** What produced it: the training script's settings, for the record. */
  trainedWith?: Record<string, unknown>;
  /** The share of the hate head's log-odds added to the toxic score (absent in older files: 0). */
  toxicHateMix?: number;
  sha256: string;
}

export class ScorerFileError extends Error {
  constructor(source: string, problem: string) {
    super(`Toxicity model ${source}: ${problem}`);
    this.name = 'ScorerFileError';
  }
}

/** One n-gram that weighed in a decision: where it is in the text, and how much it pushed. */
export interface Contribution {
  /** The characters of the comment the n-gram covers (a jamo n-gram shows its whole syllables). */
  text: string;
  weight: number;
}

export interface ModelScores {
  toxic: number;
  hate: number;
  /** Letters, and Hangul ones among them: the engine abstains on text too far from Korean. */
  letters: number;
  hangul: number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export class ToxicityModel {
  private readonly buffers: FeatureBuffers = {};
  private readonly toxic: HeadWeights;
  private readonly hate: HeadWeights;

  constructor(
    readonly settings: FeatureSettings,
    readonly heads: Record<HeadName, HeadWeights>,
    readonly trainedWith: Record<string, unknown> = {},
    readonly toxicHateMix = 0,
  ) {
    this.toxic = heads.toxic;
    this.hate = heads.hate;
  }

  /** Both heads' probabilities for a text already folded by foldCase. */
  score(folded: string, lists: ListFlags): ModelScores {
    const syl = toUnits(folded, this.buffers.syllables);
    this.buffers.syllables = syl;
    const jamo = toJamo(syl, this.buffers.jamo);
    this.buffers.jamo = jamo;
    const acc = [0, 0, 0];
    const s = this.settings;
    sum(syl, s.syllableMin, s.syllableMax, SYLLABLE_SEED, this.toxic.weights, this.hate.weights, acc);
    sum(jamo, s.jamoMin, s.jamoMax, JAMO_SEED, this.toxic.weights, this.hate.weights, acc);
    if (s.wordMax > 0) {
      const words = toWords(syl, this.buffers.words);
      this.buffers.words = words;
      sum(words, s.wordMin, s.wordMax, WORD_SEED, this.toxic.weights, this.hate.weights, acc);
    }
    if (s.compactMax > 0) {
      const compact = toCompact(syl, this.buffers.compact);
      this.buffers.compact = compact;
      sum(compact, s.compactMin, s.compactMax, COMPACT_SEED, this.toxic.weights, this.hate.weights, acc);
    }
    const norm = acc[2] > 0 ? 1 / Math.sqrt(acc[2]) : 0;
    const zToxic = this.toxic.bias + acc[0] * this.toxic.scale * norm + listSum(this.toxic.lists, lists);
    const zHate = this.hate.bias + acc[1] * this.hate.scale * norm + listSum(this.hate.lists, lists);
    return {
      // A share of the hate head's evidence may count toward toxic (toxicHateMix). The shipped model
      // adds none: a quarter lifted the cross-validated figures a little but held an innocent case.
      toxic: sigmoid(zToxic + this.toxicHateMix * zHate),
      // Hate is a kind of toxic: its score adds both heads' log-odds (the hate head alone ranks
      // offensive comments too close to hateful ones; cross-validated, the sum does better).
      hate: sigmoid(zToxic + zHate),
      letters: syl.letters,
      hangul: syl.hangul,
    };
  }

  /**
   * The n-grams that pushed the head's score up the most, merged by the span
   * of text they cover, strongest first: what a moderator is shown. Only run
   * for comments that are held or refused, so it may build strings.
   */
  explain(folded: string, original: string, head: HeadName, top = 5): Contribution[] {
    const w = this.heads[head].weights;
    const scale = this.heads[head].scale;
    const bySpan = new Map<string, number>();
    const buffers: FeatureBuffers = {};
    const { count } = extract(
      folded,
      this.settings,
      (h, stream, a, b) => {
        const units = stream === 'syllables' ? buffers.syllables! : stream === 'jamo' ? buffers.jamo! : stream === 'words' ? buffers.words! : buffers.compact!;
        const key = `${units.origin[a]}:${(units.end ?? units.origin)[b]}`;
        bySpan.set(key, (bySpan.get(key) ?? 0) + w[h] * scale);
      },
      buffers,
    );
    const norm = count > 0 ? 1 / Math.sqrt(count) : 0;
    // The folded text keeps the original's indices whenever folding changed no length (almost always); otherwise the folded one is shown.
    const source = original.length === folded.length ? original : folded;
    const merged = new Map<string, number>();
    for (const [key, weight] of bySpan) {
      const [a, b] = key.split(':').map(Number);
      const text = source.slice(a, b + 1).trim();
      if (text) merged.set(text, Math.max(merged.get(text) ?? -Infinity, weight * norm));
    }
    return [...merged]
      .filter(([, weight]) => weight > 0)
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, top)
      .map(([text, weight]) => ({ text, weight: Math.round(weight * 1000) / 1000 }));
  }

  /** The file's bytes: header line and payload, the payload's SHA-256 in the header. */
  serialize(): Buffer {
    const payload = Buffer.concat(HEADS.map((h) => Buffer.from(this.heads[h].weights.buffer, this.heads[h].weights.byteOffset, this.heads[h].weights.byteLength)));
    const header: ModelHeader = {
      featureBits: FEATURE_BITS,
      features: this.settings,
      heads: Object.fromEntries(HEADS.map((h) => [h, { scale: this.heads[h].scale, bias: this.heads[h].bias, lists: this.heads[h].lists }])) as ModelHeader['heads'],
      trainedWith: this.trainedWith,
      toxicHateMix: this.toxicHateMix,
      sha256: createHash('sha256').update(payload).digest('hex'),
    };
    return Buffer.concat([Buffer.from(MAGIC + JSON.stringify(header) + '\n', 'utf8'), payload]);
  }

  static parse(bytes: Buffer, source = '(inline)'): ToxicityModel {
    const fail = (problem: string): never => {
      throw new ScorerFileError(source, problem);
    };
    if (bytes.subarray(0, MAGIC.length).toString('utf8') !== MAGIC) fail('is not a toxicity model (bad magic line)');
    const end = bytes.indexOf(0x0a, MAGIC.length);
    if (end < 0) fail('has no header line');
    let header: ModelHeader;
    try {
      header = JSON.parse(bytes.subarray(MAGIC.length, end).toString('utf8')) as ModelHeader;
    } catch {
      return fail('has a header that is not JSON');
    }
    if (header.featureBits !== FEATURE_BITS) fail(`has ${header.featureBits}-bit features, this engine reads ${FEATURE_BITS}`);
    const size = 1 << FEATURE_BITS;
    const payload = bytes.subarray(end + 1);
    if (payload.length !== size * HEADS.length) fail(`is truncated or padded (${payload.length} weight bytes, expected ${size * HEADS.length})`);
    const digest = createHash('sha256').update(payload).digest('hex');
    if (digest !== header.sha256) fail(`is corrupt (SHA-256 of the weights ${digest.slice(0, 12)}…, the header says ${String(header.sha256).slice(0, 12)}…)`);
    const heads = {} as Record<HeadName, HeadWeights>;
    HEADS.forEach((h, i) => {
      const meta = header.heads?.[h];
      if (!meta || !Number.isFinite(meta.scale) || !Number.isFinite(meta.bias) || !Array.isArray(meta.lists) || meta.lists.length !== LIST_FEATURES.length) fail(`has no valid head "${h}"`);
      // A copy, aligned and independent of the file's buffer.
      const weights = new Int8Array(size);
      weights.set(new Int8Array(payload.buffer, payload.byteOffset + i * size, size));
      heads[h] = { weights, scale: meta.scale, bias: meta.bias, lists: meta.lists };
    });
    return new ToxicityModel({ ...DEFAULT_FEATURES, ...header.features }, heads, header.trainedWith ?? {}, Number.isFinite(header.toxicHateMix) ? header.toxicHateMix : 0);
  }
}

const cache = new Map<string, ToxicityModel>();

/** The model file, read and checked once per process: a missing or corrupt one throws a ScorerFileError (one line). */
export function loadToxicityModel(path: string): ToxicityModel {
  const cached = cache.get(path);
  if (cached) return cached;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path);
  } catch (error) {
    throw new ScorerFileError(path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const model = ToxicityModel.parse(bytes, path);
  cache.set(path, model);
  return model;
}

/**
 * features.ts's forEachNgram with the two heads' weights added in place: the
 * hot path, with no callback per n-gram. acc = [toxic, hate, count].
 */
function sum(s: Units, min: number, max: number, seed: number, a: Int8Array, b: Int8Array, acc: number[]): void {
  const units = s.units;
  const n = s.length;
  let ta = 0;
  let tb = 0;
  let count = 0;
  if (max < min || max <= 0) return;
  for (let i = 0; i < n; i++) {
    let h = Math.imul(FNV_OFFSET ^ seed, FNV_PRIME);
    const limit = i + max < n ? i + max : n;
    for (let j = i; j < limit; j++) {
      h = Math.imul(h ^ units[j], FNV_PRIME);
      const order = j - i + 1;
      if (order < min) continue;
      if (order === 1 && units[j] === 0x20) continue;
      const k = (h ^ Math.imul(order, 0x27d4eb2d)) & FEATURE_MASK;
      ta += a[k];
      tb += b[k];
      count++;
    }
  }
  acc[0] += ta;
  acc[1] += tb;
  acc[2] += count;
}

function listSum(weights: number[], lists: ListFlags): number {
  let z = 0;
  for (let i = 0; i < LIST_FEATURES.length; i++) if (lists[LIST_FEATURES[i]]) z += weights[i];
  return z;
}
