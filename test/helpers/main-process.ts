import { ChildProcess, spawn } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot } from '../../src/config/project-root';

export interface MainProcess {
  /** http://127.0.0.1:PORT, where the server listens. */
  base: string;
  pid: number;
  /** Everything it wrote so far, stdout and stderr interleaved as they came. */
  output(): string;
  /** SIGTERM, then its exit code once it has shut down (the embedded database included). */
  stop(): Promise<number | null>;
}


/**
 * The real `node dist/src/main.js` (built by `npm test`'s pretest), with only
 * PATH and `env` in its environment, on 127.0.0.1:`port`. Resolves once
 * /health/ready answers 200, so migrations are applied; rejects with its
 * output if it exits or is not ready within `readyMs`.
 */
export async function startMain(port: number, env: Record<string, string>, options: { readyMs?: number; nodeArgs?: string[] } = {}): Promise<MainProcess> {
  const readyMs = options.readyMs ?? 60_000;
  const base = `http://127.0.0.1:${port}`;
  // From the repository root, so that bench:embedded (compiled into dist/) finds the same file.
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), path.join(projectRoot(), 'dist/src/main.js')], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: base, ...env },
    // Not the repository: a developer's .env there must not reach the server under test.
    cwd: os.tmpdir(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));

  const deadline = Date.now() + readyMs;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`main.js exited with ${exitCode} before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      await stopChild(child, exited);
      throw new Error(`main.js was not ready within ${readyMs} ms:\n${output}`);
    }
    const ready = await fetch(`${base}/health/ready`).then((r) => r.status === 200, () => false);
    if (ready) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base, pid: child.pid!, output: () => output, stop: () => stopChild(child, exited) };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<number | null> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  // A shutdown that hangs is a failure of its own; do not leave the process behind.
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}
