import { DataSource } from 'typeorm';
import { migrations } from '../migrations';
import { dataSourceOptions } from '../src/database/data-source';
import { EmbeddedPostgres, startEmbeddedPostgres } from '../src/database/embedded';
import { migrateWithLock, migrationsApplied } from '../src/database/migrate';

/**
 * The embedded database gives the app exactly one connection, so start-up
 * migrations must run on the connection that holds the advisory lock: asking
 * the pool for a second one would wait until the pool gives up.
 */
describe('start-up migrations on the embedded database', () => {
  let embedded: EmbeddedPostgres;
  let ds: DataSource;

  beforeAll(async () => {
    embedded = await startEmbeddedPostgres();
    ds = new DataSource(dataSourceOptions({ url: embedded.url, embedded: true }));
    await ds.initialize();
  }, 60_000);

  afterAll(async () => {
    await ds?.destroy();
    await embedded?.stop();
  });

  it('apply every migration under the lock through its one connection, then find nothing left to do', async () => {
    expect((await migrateWithLock(ds)).sort()).toEqual(migrations.map((m) => m.name).sort());
    expect(await migrateWithLock(ds)).toEqual([]);
    expect(await migrationsApplied(ds)).toBe(true);
  }, 60_000);
});
