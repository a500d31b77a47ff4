import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createPolicyEngine, loadPolicyFile, RemoteToxicityScorer, ScorerFileError } from '..';
import { projectPolicyFile } from '../test-support';
import { DEFAULT_FEATURES } from './features';
import { loadToxicityModel, ToxicityModel } from './model';
import { FINAL_SETTINGS, foldForScoring, listReader, loadCorpus, makeExample, predict, toModel, train, type Label } from './train';

const policy = loadPolicyFile(projectPolicyFile());
const modelFile = policy.toxicity!.model;
const scorerDir = path.dirname(modelFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scorer-spec-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A model file with one change, loaded fresh (the loader caches by path). */
function variant(name: string, change: (bytes: Buffer) => Buffer): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, change(fs.readFileSync(modelFile)));
  return file;
}

function problemOf(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ScorerFileError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('the model was accepted');
}

describe('the shipped weights', () => {
  it('match the checksum recorded beside them, and the header’s own checksum of the weights', () => {
    const [recorded, name] = fs.readFileSync(path.join(scorerDir, 'SHA256SUMS'), 'utf8').trim().split(/\s+/);
    expect(name).toBe(path.basename(modelFile));
    expect(createHash('sha256').update(fs.readFileSync(modelFile)).digest('hex')).toBe(recorded);
    const model = loadToxicityModel(modelFile);
    expect(model.heads.toxic.weights).toHaveLength(1 << 20);
    expect(model.heads.hate.weights).toHaveLength(1 << 20);
  });

  it('carry the attribution and share-alike notice beside them', () => {
    const notice = fs.readFileSync(path.join(scorerDir, 'NOTICE.md'), 'utf8');
    expect(notice).toMatch(/CC BY-SA 4\.0/);
    expect(notice).toMatch(/Moon, Cho and Lee/);
    expect(notice).toMatch(/kocohub\/korean-hate-speech/);
  });

  it('a missing, corrupt or truncated file is refused with one line', () => {
    expect(problemOf(() => loadToxicityModel(path.join(tmp, 'nope.bin')))).toMatch(/nope\.bin: cannot be read \(ENOENT\)/);
    const flipped = variant('flipped.bin', (b) => {
      const c = Buffer.from(b);
      c[c.length - 1000] ^= 0x01;
      return c;
    });
    expect(problemOf(() => loadToxicityModel(flipped))).toMatch(/flipped\.bin: is corrupt \(SHA-256/);
    const short = variant('short.bin', (b) => b.subarray(0, b.length - 10));
    expect(problemOf(() => loadToxicityModel(short))).toMatch(/short\.bin: is truncated or padded/);
    const other = variant('other.bin', () => Buffer.from('GIF89a...'));
    expect(problemOf(() => loadToxicityModel(other))).toMatch(/other\.bin: is not a toxicity model/);
  });

  it('an engine whose policy names a corrupt model does not start', () => {
    const flipped = variant('engine-flipped.bin', (b) => {
      const c = Buffer.from(b);
      c[c.length - 7] ^= 0x40;
      return c;
    });
    expect(problemOf(() => createPolicyEngine({ ...policy, toxicity: { ...policy.toxicity!, model: flipped } }))).toMatch(/engine-flipped\.bin: is corrupt/);
  });
});

describe('training and serving agree', () => {
  const readLists = listReader(policy);
  const corpus = loadCorpus(path.resolve(__dirname, '../../..'));
  // A small slice keeps the spec fast; the procedure is the one npm run train:scorer runs on all of it.
  const slice = (n: number) => corpus.texts.slice(0, n).map((t, i) => makeExample(t, '', corpus.labels[i] as Label, FINAL_SETTINGS, readLists));

  it('two trainings with the same seed give byte-identical weights', () => {
    const examples = slice(300);
    const a = toModel(train(examples, FINAL_SETTINGS), FINAL_SETTINGS).serialize();
    const b = toModel(train(examples, FINAL_SETTINGS), FINAL_SETTINGS).serialize();
    expect(createHash('sha256').update(a).digest('hex')).toBe(createHash('sha256').update(b).digest('hex'));
  });

  it('the engine’s model scores a text exactly as the training code scores its example', () => {
    const model = loadToxicityModel(modelFile);
    for (const text of corpus.texts.slice(0, 200)) {
      const ex = makeExample(text, '', 'none', FINAL_SETTINGS, readLists);
      const folded = foldForScoring(text);
      const original = text.normalize('NFC').trim();
      const served = model.score(folded, readLists(folded, original));
      const trained = predict(model.heads, ex, model.toxicHateMix);
      expect(served.toxic).toBeCloseTo(trained.toxic, 12);
      expect(served.hate).toBeCloseTo(trained.hate, 12);
    }
  });

  it('the optional streams (word n-grams, space-free syllables) and the toxic/hate mix score alike in training and in the engine, and survive the file', () => {
    const s = { ...FINAL_SETTINGS, toxicHateMix: 0.25, features: { ...FINAL_SETTINGS.features, wordMin: 1, wordMax: 2, compactMin: 2, compactMax: 4 } };
    const texts = corpus.texts.slice(0, 300);
    const examples = texts.map((t, i) => makeExample(t, '', corpus.labels[i] as Label, s, readLists));
    const model = ToxicityModel.parse(toModel(train(examples, s), s).serialize());
    expect(model.settings).toMatchObject({ wordMin: 1, wordMax: 2, compactMin: 2, compactMax: 4 });
    expect(model.toxicHateMix).toBe(0.25);
    texts.slice(0, 100).forEach((text, i) => {
      const folded = foldForScoring(text);
      const served = model.score(folded, readLists(folded, text.normalize('NFC').trim()));
      const trained = predict(model.heads, examples[i], 0.25);
      expect(served.toxic).toBeCloseTo(trained.toxic, 12);
      expect(served.hate).toBeCloseTo(trained.hate, 12);
    });
    // A word n-gram is shown as the words it covers.
    const insult = texts.findIndex((_, i) => corpus.labels[i] !== 'none');
    const reasons = model.explain(foldForScoring(texts[insult]), texts[insult], 'toxic', 20);
    expect(reasons.length).toBeGreaterThan(0);
    for (const c of reasons) expect(texts[insult].includes(c.text) || foldForScoring(texts[insult]).includes(c.text)).toBe(true);
  });

  it('a serialized model parses back to the same weights', () => {
    const model = loadToxicityModel(modelFile);
    const again = ToxicityModel.parse(model.serialize());
    expect(Buffer.from(again.heads.toxic.weights.buffer).equals(Buffer.from(model.heads.toxic.weights.buffer))).toBe(true);
    expect(again.settings).toEqual({ ...DEFAULT_FEATURES, ...model.settings });
  });
});

describe('the scorer in the engine', () => {
  const engine = createPolicyEngine(policy);

  it('explains a held or refused comment with n-grams taken from its own text, strongest first', () => {
    const text = '얼굴도 못생긴게 주제를 알아라 ㅋㅋ';
    const v = engine.contentVerdict(text);
    expect(v.toxicity).toMatchObject({ band: 'reject', abstained: false, source: 'built-in' });
    const ngrams = v.toxicity!.ngrams!;
    expect(ngrams.length).toBeGreaterThan(0);
    expect(ngrams.length).toBeLessThanOrEqual(5);
    for (const g of ngrams) expect(text).toContain(g.text);
    expect(ngrams.map((g) => g.weight)).toEqual([...ngrams.map((g) => g.weight)].sort((a, b) => b - a));
    // The reader's side of it: the rule's message, nothing of the model.
    const violation = v.violations.find((x) => x.rule === 'toxicity.reject')!;
    expect(violation.details).toBeUndefined();
    expect(JSON.stringify(violation)).not.toMatch(/못생|score|ngram/);
  });

  it('records a score without n-grams for a comment in no band', () => {
    const v = engine.contentVerdict('기사 잘 읽었습니다');
    expect(v.toxicity).toEqual({ score: expect.any(Number), hate: expect.any(Number), band: 'none', abstained: false, source: 'built-in' });
  });

  // The model was trained on Korean: it abstains where there is too little Hangul, and ordinary English is never held by it.
  it.each([
    'This is a thoughtful article about the trade agreement',
    'you are so ugly and stupid',
    'The minister should resign, frankly',
    'Great reporting, thank you',
    'ugly 못생긴 idiot',
    'Seoul와 Tokyo relations are improving',
  ])('abstains on text with little Hangul: %s', (text) => {
    const v = engine.contentVerdict(text);
    expect(v.toxicity).toMatchObject({ abstained: true, band: 'none' });
    expect(v.violations.map((x) => x.rule)).not.toEqual(expect.arrayContaining(['toxicity.hold']));
    expect(v.violations.map((x) => x.rule)).not.toContain('toxicity.reject');
  });

  it('scores nothing in a body that is empty or abusive in form', () => {
    expect(engine.contentVerdict('   ').toxicity).toBeUndefined();
  });

  it('a policy without the toxicity section runs the lists alone', () => {
    const listsOnly = createPolicyEngine({ ...policy, toxicity: undefined });
    const v = listsOnly.contentVerdict('얼굴도 못생긴게 주제를 알아라 ㅋㅋ');
    expect(v.toxicity).toBeUndefined();
    expect(v.violations).toEqual([]);
    expect(listsOnly.describe().toxicity).toBeUndefined();
  });

  it('describe() gives the bands', () => {
    expect(engine.describe().toxicity).toEqual({ hold: policy.toxicity!.hold, reject: policy.toxicity!.reject, minHangulShare: policy.toxicity!.minHangulShare, heads: ['toxic', 'hate'] });
  });
});

describe('TOXICITY_URL: a classifier the newsroom runs, with the built-in model as fall-back', () => {
  let server: http.Server;
  let url: string;
  let behaviour: 'answer' | 'slow' | 'error' | 'garbage' = 'answer';
  const seen: unknown[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ method: req.method, type: req.headers['content-type'], body: JSON.parse(body) });
        if (behaviour === 'slow') {
          setTimeout(() => res.end(JSON.stringify({ toxic: 0.99, hate: 0.9 })), 1500).unref();
          return;
        }
        if (behaviour === 'error') {
          res.statusCode = 503;
          res.end('{}');
          return;
        }
        res.setHeader('content-type', 'application/json');
        res.end(behaviour === 'garbage' ? '{"toxic":"very"}' : JSON.stringify({ toxic: 0.99, hate: 0.5 }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/classify`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const engineWith = (failures: unknown[], timeoutMs = 200) =>
    createPolicyEngine(policy, {}, { remoteScorer: new RemoteToxicityScorer(url, timeoutMs), onRemoteFailure: (e) => failures.push(e) });

  it('uses the service’s score when it answers: POST {"text"} as JSON', async () => {
    behaviour = 'answer';
    seen.length = 0;
    const failures: unknown[] = [];
    const v = await engineWith(failures).assessContent('  그냥 평범한 댓글입니다  ');
    expect(seen).toEqual([{ method: 'POST', type: 'application/json', body: { text: '그냥 평범한 댓글입니다' } }]);
    expect(failures).toEqual([]);
    expect(v.toxicity).toMatchObject({ source: 'remote', score: 0.99, band: 'reject' });
    expect(v.violations.map((x) => x.rule)).toEqual(['toxicity.reject']);
    // The n-grams still come from the built-in model, which can explain itself.
    expect(v.toxicity!.ngrams!.length).toBeGreaterThan(0);
  });

  it('falls back to the built-in model when the service is slower than the timeout', async () => {
    behaviour = 'slow';
    const failures: unknown[] = [];
    const started = Date.now();
    const v = await engineWith(failures, 200).assessContent('그냥 평범한 댓글입니다');
    expect(Date.now() - started).toBeLessThan(1400);
    expect(failures).toHaveLength(1);
    expect((failures[0] as Error).name).toMatch(/TimeoutError|AbortError/);
    expect(v.toxicity).toMatchObject({ source: 'built-in', band: 'none' });
    expect(v).toEqual(createPolicyEngine(policy).contentVerdict('그냥 평범한 댓글입니다'));
  });

  it('falls back on an error status, a malformed answer, and a refused connection', async () => {
    for (const b of ['error', 'garbage'] as const) {
      behaviour = b;
      const failures: unknown[] = [];
      const v = await engineWith(failures).assessContent('그냥 평범한 댓글입니다');
      expect(failures).toHaveLength(1);
      expect(v.toxicity!.source).toBe('built-in');
    }
    const failures: unknown[] = [];
    const closed = createPolicyEngine(policy, {}, { remoteScorer: new RemoteToxicityScorer('http://127.0.0.1:9/x', 200), onRemoteFailure: (e) => failures.push(e) });
    expect((await closed.assessContent('그냥 평범한 댓글입니다')).toxicity!.source).toBe('built-in');
    expect(failures).toHaveLength(1);
  });

  it('the synchronous contentVerdict (dry runs) never calls the service', () => {
    behaviour = 'answer';
    seen.length = 0;
    expect(engineWith([]).contentVerdict('그냥 평범한 댓글입니다').toxicity!.source).toBe('built-in');
    expect(seen).toEqual([]);
  });
});
