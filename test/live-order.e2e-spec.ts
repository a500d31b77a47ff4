import type { QueryRunner } from 'typeorm';
import { ModerationEventsRepository } from '../src/live/moderation-events.repository';
import { startTestApp, truncateAll, type TestApp } from './helpers/app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A stream sends what follows its cursor in id order. Ids come from a
 * sequence when a row is inserted, but rows become visible when their
 * transaction commits: if a later id could commit first, a stream would pass
 * it and never see the earlier one. Article events are ordered by the
 * article's row lock; the moderators' events by a transaction lock of their own.
 */
describe('the moderators\' event stream never skips an event committed late', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(() => truncateAll(t.dataSource));
  afterAll(() => t.close());

  it('a second writer waits for the first to commit, so what a stream can see is always every id up to the last', async () => {
    const events = t.app.get(ModerationEventsRepository);
    const first: QueryRunner = t.dataSource.createQueryRunner();
    const second: QueryRunner = t.dataSource.createQueryRunner();
    try {
      await first.startTransaction();
      await events.insert(first.manager, 'comment.pending', 'first');
      await second.startTransaction();
      const secondDone = events.insert(second.manager, 'comment.pending', 'second').then(() => second.commitTransaction());
      await sleep(300);
      // A stream reading now must not see 'second' while 'first', with the lower id, is still to come.
      expect(await events.since('0', 10)).toEqual([]);
      await first.commitTransaction();
      await secondDone;
      const seen = await events.since('0', 10);
      expect(seen.map((e) => (e.payload as { id: string }).id)).toEqual(['first', 'second']);
      expect(BigInt(seen[0].id) < BigInt(seen[1].id)).toBe(true);
    } finally {
      if (first.isTransactionActive) await first.rollbackTransaction();
      if (second.isTransactionActive) await second.rollbackTransaction();
      await first.release();
      await second.release();
    }
  });
});
