import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { StoredEvent } from './comment-events.repository';

/** Every statement on `moderation_events`, the moderators' live queue: a kind and an id, never text. */
@Injectable()
export class ModerationEventsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Ids are drawn at insert and seen at commit: were a later id to commit
   * first, a stream would pass it and never send the earlier one. The
   * transaction lock (held to commit) makes writers of this table commit in
   * id order, as the article's row lock does for an article's events. Every
   * transaction that writes here (a held post, a decision, a report, a name to
   * review) takes it after its other locks (the article's, the people's), so
   * no two writers can wait on each other in a cycle.
   */
  async insert(m: EntityManager, kind: string, subjectId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('moderation_events', 0))`);
    await m.query('INSERT INTO moderation_events (kind, subject_id) VALUES ($1, $2)', [kind, subjectId]);
  }

  since(afterId: string, limit: number): Promise<StoredEvent[]> {
    return this.dataSource.query(
      `SELECT id::text AS id, kind AS type, jsonb_build_object('kind', kind, 'id', subject_id) AS payload
         FROM moderation_events WHERE id > $1::bigint ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
  }

  async latestId(): Promise<string> {
    const [row] = (await this.dataSource.query('SELECT coalesce(max(id), 0)::text AS id FROM moderation_events')) as { id: string }[];
    return row.id;
  }
}
