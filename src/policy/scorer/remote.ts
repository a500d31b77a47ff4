import type { ToxicityScorer } from './scorer';

/**
 * An HTTP classifier the newsroom runs itself (TOXICITY_URL), for instance a
 * fine-tuned Korean transformer: POST {"text": "..."} as JSON, answer
 * {"toxic": 0..1, "hate": 0..1}. Any failure (refused connection, a status
 * other than 200, a malformed answer, no answer within the timeout) rejects,
 * and the engine scores with the built-in model instead. The text goes only
 * to that URL, never to a third party: the newsroom chooses where it points.
 */
export class RemoteToxicityScorer implements ToxicityScorer {
  readonly name = 'remote';

  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  async score(text: string): Promise<{ toxic: number; hate: number }> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ text }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new Error(`the toxicity service answered ${response.status}`);
    }
    const body = (await response.json()) as { toxic?: unknown; hate?: unknown };
    const ok = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 1;
    if (!ok(body.toxic)) throw new Error('the toxicity service gave no toxic probability');
    return { toxic: body.toxic, hate: ok(body.hate) ? body.hate : 0 };
  }
}
