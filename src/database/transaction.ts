import type { DataSource, EntityManager } from 'typeorm';

/** Where a transaction keeps the work to do once it has committed (TypeORM's per-runner scratch space). */
const AFTER_COMMIT = Symbol('afterCommit');

type Scratch = { [AFTER_COMMIT]?: (() => void)[] };

/**
 * Runs `work` in one transaction and, only once it has committed, what the
 * work asked to happen afterwards (waking the live streams of this instance).
 * A rolled-back transaction runs none of it.
 */
export async function inTransaction<T>(dataSource: DataSource, work: (m: EntityManager) => Promise<T>): Promise<T> {
  const after: (() => void)[] = [];
  const result = await dataSource.transaction(async (m) => {
    (m.queryRunner!.data as Scratch)[AFTER_COMMIT] = after;
    return work(m);
  });
  for (const fn of after) fn();
  return result;
}

/**
 * Schedules `fn` for after the commit of the transaction `m` belongs to. Outside
 * inTransaction there is no commit to wait for, so it runs at once.
 */
export function afterCommit(m: EntityManager, fn: () => void): void {
  const list = (m.queryRunner?.data as Scratch | undefined)?.[AFTER_COMMIT];
  if (list) list.push(fn);
  else fn();
}
