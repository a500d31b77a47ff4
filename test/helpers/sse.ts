/** A minimal EventSource over fetch, for tests: frames as they arrive, and the Last-Event-ID header on connect. */
export interface Frame {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

export class SseClient {
  readonly frames: Frame[] = [];
  private readonly controller = new AbortController();
  private waiters: (() => void)[] = [];
  status = 0;
  headers?: Headers;

  static async open(url: string, lastEventId?: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
    const res = await fetch(url, { headers: { ...headers, ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) }, signal: client.controller.signal });
    client.status = res.status;
    client.headers = res.headers;
    void client.read(res.body!);
    return client;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) !== -1) {
          const raw = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const frame: Frame = {};
          for (const line of raw.split('\n')) {
            if (line.startsWith(':')) frame.comment = line.slice(1).trim();
            else {
              const i = line.indexOf(':');
              const key = line.slice(0, i) as keyof Frame;
              (frame as Record<string, string>)[key] = line.slice(i + 1).replace(/^ /, '');
            }
          }
          this.frames.push(frame);
          this.waiters.splice(0).forEach((w) => w());
        }
      }
    } catch {
      // aborted
    }
  }

  /** The event frames (not retry or comments) so far. */
  events(): Frame[] {
    return this.frames.filter((f) => f.event);
  }

  async waitFor(count: number, timeoutMs = 8000): Promise<Frame[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.events().length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} events, got ${this.events().length}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
    return this.events();
  }

  close(): void {
    this.controller.abort();
  }
}
