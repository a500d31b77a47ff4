import * as net from 'node:net';
import { freePort } from './helpers/free-port';
import { startMain, type MainProcess } from './helpers/main-process';
import { SseClient } from './helpers/sse';

/** Sends raw HTTP/1.1 on one socket and gives back each response's text as it completes (keep-alive). */
class RawConnection {
  private text = '';
  readonly socket: net.Socket;
  readonly closed: Promise<void>;

  constructor(port: number) {
    this.socket = net.connect(port, '127.0.0.1');
    this.socket.on('data', (d) => (this.text += d));
    this.socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => this.socket.once('close', () => resolve()));
  }

  /** A GET on the kept-alive connection; resolves with the whole response once its body is in. */
  async get(path: string): Promise<{ status: number; headers: string; body: string }> {
    this.text = '';
    this.socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
    const deadline = Date.now() + 5000;
    for (;;) {
      const cut = this.text.indexOf('\r\n\r\n');
      if (cut !== -1) {
        const headers = this.text.slice(0, cut);
        const length = Number(/content-length: (\d+)/i.exec(headers)?.[1] ?? 0);
        const body = this.text.slice(cut + 4);
        if (Buffer.byteLength(body) >= length) return { status: Number(headers.split(' ')[1]), headers, body };
      }
      if (Date.now() > deadline) throw new Error(`no whole response: ${JSON.stringify(this.text)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/**
 * SIGTERM to the real `node dist/src/main.js` (rows 3 and 9 of issue 12):
 * open streams end with a last frame and the process exits within the drain
 * time; a request that still arrives on a kept-alive connection is answered
 * in the contract's error shape.
 */
describe('shutdown', () => {
  let server: MainProcess | undefined;
  const env = () => ({ NODE_ENV: 'test', LOG_LEVEL: 'info', DATABASE_URL: process.env.TEST_RUN_DATABASE_URL!, SHUTDOWN_DRAIN_SECONDS: '3' });

  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('row 3: SIGTERM with an event stream open ends the stream with a last frame and exits 0 within the drain time', async () => {
    server = await startMain(await freePort(), env());
    const stream = await SseClient.open(`${server.base}/articles/shutdown-1/events`);
    expect(stream.status).toBe(200);
    const exitCode = server.stop();
    await stream.waitFor(1, 5000);
    expect(stream.events()).toEqual([expect.objectContaining({ event: 'server.closing' })]);
    expect(await exitCode).toBe(0);
    server = undefined;
  }, 30_000);

  it('row 9: during the drain a request on a kept-alive connection gets 503 UNAVAILABLE in the error shape', async () => {
    server = await startMain(await freePort(), env());
    const port = Number(new URL(server.base).port);
    const kept = new RawConnection(port);
    expect((await kept.get('/health/live')).status).toBe(200);
    // A request still in flight (its body trickles in) keeps the drain going while the other connection asks.
    const slow = new RawConnection(port);
    slow.socket.write('POST /policy/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{');
    await new Promise((r) => setTimeout(r, 100));
    process.kill(server.pid, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    const res = await kept.get('/articles/shutdown-2/comments');
    expect(res.status).toBe(503);
    expect(res.headers).toMatch(/retry-after: 1/i);
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'UNAVAILABLE', message: expect.any(String) } });
    expect(await server.stop()).toBe(0);
    server = undefined;
    slow.socket.destroy();
  }, 30_000);
});
