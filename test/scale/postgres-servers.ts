import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../helpers/free-port';

/** Where Debian keeps the server's binaries; PG_BIN overrides. */
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * A Postgres server of the test's own, in a temporary directory on a free
 * port, never the machine's server. initdb refuses root, so under root every
 * command runs as the `postgres` user (PG_USER overrides).
 */
export interface OwnServer {
  port: number;
  dir: string;
  url(database?: string): string;
  stop(mode?: 'fast' | 'immediate'): void;
  /** Starts it again after stop, on the same port and files. */
  start(): void;
  sql(statement: string, database?: string): string;
}

const asUser = process.getuid?.() === 0 ? (process.env.PG_USER ?? 'postgres') : null;

function run(cmd: string, args: string[]): string {
  const [file, argv] = asUser ? ['runuser', ['-u', asUser, '--', cmd, ...args]] : [cmd, args];
  const r = spawnSync(file, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  if (asUser) execFileSync('chown', [asUser, dir]);
  return dir;
}

function server(dir: string, port: number): OwnServer {
  const data = path.join(dir, 'data');
  const s: OwnServer = {
    port,
    dir,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start() {
      run(path.join(PG_BIN, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`]);
    },
    stop(mode = 'fast') {
      spawnSync(asUser ? 'runuser' : path.join(PG_BIN, 'pg_ctl'), [...(asUser ? ['-u', asUser, '--', path.join(PG_BIN, 'pg_ctl')] : []), '-D', data, '-m', mode, '-w', 'stop'], { encoding: 'utf8' });
    },
    sql(statement, database = 'postgres') {
      return run(path.join(PG_BIN, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', database, '-XAtqc', statement]).trim();
    },
  };
  return s;
}

/** A new primary: initdb (trust, on 127.0.0.1 only), fsync off (a test's data need not survive a crash), started. */
export async function startPrimary(): Promise<OwnServer> {
  const dir = tempDir('pg-primary-');
  const port = await freePort();
  run(path.join(PG_BIN, 'initdb'), ['-D', path.join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '--no-sync']);
  fs.appendFileSync(path.join(dir, 'data', 'postgresql.conf'), `\nfsync = off\nfull_page_writes = off\nwal_level = replica\nmax_wal_senders = 4\n`);
  const s = server(dir, port);
  s.start();
  return s;
}

/** A streaming replica of `primary`: pg_basebackup -R (which writes standby.signal and primary_conninfo), started. */
export async function startReplica(primary: OwnServer): Promise<OwnServer> {
  const dir = tempDir('pg-replica-');
  const port = await freePort();
  run(path.join(PG_BIN, 'pg_basebackup'), ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', path.join(dir, 'data'), '-R', '-X', 'stream', '--no-sync']);
  const s = server(dir, port);
  s.start();
  return s;
}

/** Stops a server and removes its files. */
export function destroy(s: OwnServer | undefined): void {
  if (!s) return;
  s.stop('immediate');
  fs.rmSync(s.dir, { recursive: true, force: true });
}

export interface Bouncer {
  port: number;
  url(database: string): string;
  /** A statement on PgBouncer's admin console (SHOW POOLS, SHOW SERVERS…), as rows of columns. */
  admin(statement: string): string[][];
  stop(): void;
}

/**
 * Debian's PgBouncer (`apt-get install -y pgbouncer`) in transaction mode in
 * front of 127.0.0.1:`targetPort`, on a free port, run as `postgres`.
 * statement_timeout, which node-postgres sends at connect, is not a startup
 * parameter PgBouncer passes on: it ignores it and sets it on each server
 * connection instead (connect_query), as README's PgBouncer section says.
 */
export async function startPgBouncer(targetPort: number, bin = process.env.PGBOUNCER_BIN ?? '/usr/sbin/pgbouncer'): Promise<Bouncer> {
  const dir = tempDir('pgbouncer-');
  const port = await freePort();
  fs.writeFileSync(path.join(dir, 'userlist.txt'), '"postgres" ""\n');
  fs.writeFileSync(
    path.join(dir, 'pgbouncer.ini'),
    `[databases]
* = host=127.0.0.1 port=${targetPort} connect_query='SET statement_timeout = 15000'

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir = ${dir}
auth_type = trust
auth_file = ${path.join(dir, 'userlist.txt')}
admin_users = postgres
pool_mode = transaction
max_client_conn = 500
default_pool_size = 8
ignore_startup_parameters = statement_timeout, extra_float_digits
logfile = ${path.join(dir, 'pgbouncer.log')}
pidfile = ${path.join(dir, 'pgbouncer.pid')}
`,
  );
  if (asUser) execFileSync('chown', ['-R', asUser, dir]);
  run(bin, ['-d', path.join(dir, 'pgbouncer.ini')]);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const r = spawnSync(path.join(PG_BIN, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], { encoding: 'utf8' });
    if (r.status === 0) break;
    if (Date.now() > deadline) throw new Error(`pgbouncer did not start:\n${fs.readFileSync(path.join(dir, 'pgbouncer.log'), 'utf8')}`);
    await new Promise((res) => setTimeout(res, 100));
  }
  return {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    admin: (statement) =>
      run(path.join(PG_BIN, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'pgbouncer', '-XAtF', '\t', '-c', statement])
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')),
    stop() {
      const pid = Number(fs.readFileSync(path.join(dir, 'pgbouncer.pid'), 'utf8').trim());
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
