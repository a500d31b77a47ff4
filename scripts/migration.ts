/**
 * `npm run migration:run|revert|generate -- [Name] [--dir folder]`: the TypeORM
 * CLI on our one DataSource. With no DATABASE_URL it starts the embedded
 * database first, so the commands work on a fresh clone exactly like
 * `npm start`. `.env` is read as `npm start` reads it.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config/config';
import { loadDotEnv } from '../src/config/dot-env';
import { projectRoot } from '../src/config/project-root';
import { startEmbeddedPostgres } from '../src/database/embedded';

const USAGE = 'usage: npm run migration:run | migration:revert | migration:generate -- Name [--dir folder]';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { dir: { type: 'string' } } });
  const [command, name] = positionals;
  if (!['run', 'revert', 'generate'].includes(command)) throw new Error(USAGE);
  if (command === 'generate' && !name) throw new Error('migration:generate needs a name: npm run migration:generate -- AddThing');
  const root = projectRoot();
  // The tests give --dir so that a generated file never lands in the repository's migrations/.
  const outDir = path.resolve(values.dir ?? path.join(root, 'migrations'));

  loadDotEnv();
  const config = loadConfig();
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.embeddedDataDir);
  if (embedded) console.log(`migration:${command}: on the embedded database (PGlite) in ${config.embeddedDataDir}; set DATABASE_URL for Postgres`);
  const args = ['-d', path.join(root, 'dist/src/database/data-source.js')];
  const cli = path.join(root, 'node_modules/typeorm/cli.js');
  const argv =
    command === 'generate'
      ? [cli, 'migration:generate', path.join(outDir, name), ...args, '--pretty']
      : [cli, `migration:${command}`, ...args];
  // Asynchronous on purpose: the embedded server lives in this process and must keep answering.
  // The CLI runs one statement at a time, so it needs only one of the embedded server's connections.
  const child = spawn(process.execPath, argv, {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: config.databaseUrl ?? embedded!.url },
  });
  const status: number | null = await new Promise((resolve) => child.on('exit', resolve));
  await embedded?.stop();
  if (command === 'generate' && status === 0) {
    console.log(`Generated in ${path.relative(process.cwd(), outDir) || '.'} as TypeScript: read it, list it in migrations/index.ts, then commit it.`);
  }
  process.exit(status ?? 1);
}

main().catch((error) => {
  const prefix = error instanceof ConfigError ? 'Configuration error: ' : '';
  console.error(prefix + (error instanceof Error ? error.message : String(error)));
  process.exit(1);
});
