import * as fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  /** Connections the wire server accepts; any beyond are refused, never queued. */
  maxConnections: number;
  stop(): Promise<void>;
}

/**
 * One connection, and why: PGlite is a single Postgres backend, and
 * pglite-socket (0.2.17) feeds it wire messages from all its connections
 * through one queue that keeps a connection's messages together only inside
 * an explicit BEGIN…COMMIT. Between two connections, one's Parse of the
 * unnamed statement can land between another's Parse and Bind (the Bind then
 * runs the wrong statement), and a simple query can join another's implicit
 * transaction. The server also refuses (writes "Too many connections" and
 * closes) any connection beyond `maxConnections`, which `pg` reports as
 * "Connection terminated unexpectedly". With exactly one connection there is
 * nothing to interleave:
 * the app's pool (max 1, see data-source.ts) queues requests and hands the
 * connection to one at a time, and a second client is refused at once
 * instead of corrupting the first one's exchange.
 */
export const EMBEDDED_CONNECTIONS = 1;

/**
 * PGlite (Postgres compiled to WebAssembly) served over the wire protocol on
 * 127.0.0.1, so the app talks to it through the same `pg` driver and
 * migrations as to a real server. `dataDir` undefined keeps it in memory.
 */
export async function startEmbeddedPostgres(dataDir?: string, maxConnections = EMBEDDED_CONNECTIONS): Promise<EmbeddedPostgres> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ? { dataDir } : undefined);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgres://postgres@${address}/postgres`,
    maxConnections,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
