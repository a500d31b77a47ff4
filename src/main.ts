import 'reflect-metadata';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config/config';
import { loadDotEnv } from './config/dot-env';
import { JsonLogger } from './common/json-logger';
import { Lifecycle } from './common/lifecycle';
import { EmbeddedPostgres, startEmbeddedPostgres } from './database/embedded';

async function bootstrap(): Promise<void> {
  const startedAt = Date.now();
  let config;
  try {
    // .env fills in what the environment leaves unset (never under NODE_ENV=test).
    loadDotEnv();
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = new JsonLogger(config.logLevel);

  let embedded: EmbeddedPostgres | undefined;
  if (!config.databaseUrl) {
    embedded = await startEmbeddedPostgres(config.embeddedDataDir);
    // The pool gets the wire server's one connection; requests queue for it (data-source.ts).
    config = { ...config, databaseUrl: embedded.url, databasePoolMax: embedded.maxConnections, embeddedDatabase: true };
    logger.log({ msg: `using the embedded database (PGlite) in ${config.embeddedDataDir}; set DATABASE_URL to use Postgres`, dataDir: config.embeddedDataDir }, 'Bootstrap');
  }

  const app = await createApp(config, logger);
  await app.listen({ port: config.port, host: config.host });
  logger.log({ msg: `listening on ${config.publicUrl}`, port: config.port, readyMs: Date.now() - startedAt }, 'Bootstrap');

  let closing = false;
  const drainMs = config.shutdownDrainSeconds * 1000;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log({ msg: 'shutting down: streams end, new requests answer 503, finishing requests in flight', signal, drainSeconds: config.shutdownDrainSeconds }, 'Bootstrap');
    // Whatever happens below, the process is gone shortly after the drain time.
    setTimeout(() => {
      logger.error({ msg: 'shutdown did not finish in time; exiting' }, undefined, 'Bootstrap');
      process.exit(1);
    }, drainMs + 5000).unref();
    try {
      const drained = await app.get(Lifecycle).drain(drainMs);
      if (!drained) {
        logger.warn({ msg: 'requests still in flight after the drain time; closing their connections' }, 'Bootstrap');
        app.getHttpServer().closeAllConnections();
      }
      await app.close();
      await embedded?.stop();
      logger.log({ msg: 'stopped' }, 'Bootstrap');
      process.exit(0);
    } catch (error) {
      logger.error({ msg: 'shutdown failed' }, (error as Error).stack, 'Bootstrap');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

bootstrap().catch((error: unknown) => {
  // A start-up failure is one line; the stack only when asked for.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Start-up failed: ${message}\n`);
  if (process.env.DEBUG_STARTUP) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
  process.exit(1);
});
