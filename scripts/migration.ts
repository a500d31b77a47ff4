/**
 * `npm run migration:run|revert|generate -- [Name]`: the TypeORM CLI on our one
 * DataSource. With no DATABASE_URL it starts the embedded database first, so
 * the commands work on a fresh clone exactly like `npm start`.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { loadConfig } from '../src/config/config';
import { projectRoot } from '../src/config/project-root';
import { startEmbeddedPostgres } from '../src/database/embedded';

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  if (!['run', 'revert', 'generate'].includes(command)) {
    throw new Error('usage: migration.js run|revert|generate [Name]');
  }
  if (command === 'generate' && !name) throw new Error('migration:generate needs a name: npm run migration:generate -- AddThing');
  const config = loadConfig();
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.embeddedDataDir);
  const root = projectRoot();
  const args = ['-d', path.join(root, 'dist/src/database/data-source.js')];
  const cli = path.join(root, 'node_modules/typeorm/cli.js');
  const argv =
    command === 'generate'
      ? [cli, 'migration:generate', path.join(root, 'migrations', name), ...args, '--pretty']
      : [cli, `migration:${command}`, ...args];
  // Asynchronous on purpose: the embedded server lives in this process and must keep answering.
  const child = spawn(process.execPath, argv, {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: config.databaseUrl ?? embedded!.url },
  });
  const status: number | null = await new Promise((resolve) => child.on('exit', resolve));
  await embedded?.stop();
  if (command === 'generate' && status === 0) {
    console.log('Generated in migrations/ as TypeScript: read it, add it to migrations/index.ts, then commit it.');
  }
  process.exit(status ?? 1);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
