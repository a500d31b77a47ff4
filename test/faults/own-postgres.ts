import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../helpers/free-port';

const run = promisify(execFile);

/** Where Debian puts the server's programs; the newest version installed. */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (fs.existsSync(path.join(root, v, 'bin/initdb'))) return path.join(root, v, 'bin');
  throw new Error('no PostgreSQL server programs under /usr/lib/postgresql');
}

/** initdb refuses root: as root the server runs as the `postgres` user, otherwise as ourselves. */
function asServerUser(cmd: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

/**
 * A Postgres of the test's own, in a temporary directory on a free port, that
 * the test may stop, freeze and restart: never the machine's server on 5432.
 */
export class OwnPostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bin: string,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async start(): Promise<OwnPostgres> {
    const bin = binDir();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faults-pg-'));
    fs.chmodSync(dir, 0o777);
    const data = path.join(dir, 'data');
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres', dir]);
    const [cmd, args] = asServerUser(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
    await run(cmd, args);
    const pg = new OwnPostgres(dir, await freePort(), bin);
    await pg.up();
    return pg;
  }

  private async ctl(...args: string[]): Promise<void> {
    const [cmd, full] = asServerUser(path.join(this.bin, 'pg_ctl'), ['-D', path.join(this.dir, 'data'), ...args]);
    await run(cmd, full);
  }

  /** Starts the server (again) and waits until it accepts connections. */
  async up(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    await this.ctl('start', '-w', '-t', '30', '-l', path.join(this.dir, 'log'), '-o', options);
  }

  /** Stops it the way a crash or a failover does: connections are cut at once. */
  async down(): Promise<void> {
    await this.ctl('stop', '-m', 'immediate', '-w');
  }

  async restart(): Promise<void> {
    await this.down();
    await this.up();
  }

  /** The postmaster and every process it started: what SIGSTOP must reach to freeze the server. */
  private pids(): number[] {
    const pid = Number(fs.readFileSync(path.join(this.dir, 'data/postmaster.pid'), 'utf8').split('\n')[0]);
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
    return [pid, ...children];
  }

  /** The server stops answering without closing anything: a hung host, a stalled disk. */
  freeze(): void {
    for (const pid of this.pids()) process.kill(pid, 'SIGSTOP');
  }

  thaw(): void {
    for (const pid of this.pids()) process.kill(pid, 'SIGCONT');
  }

  async destroy(): Promise<void> {
    try {
      this.thaw();
    } catch {
      // not running
    }
    await this.down().catch(() => undefined);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
