import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { DataDeletionRequest } from './data-deletion-request.entity';

interface Row {
  confirmation_code: string;
  provider: string;
  requested_at: Date;
  completed_at: Date | null;
  request_digest: string | null;
}

const toRequest = (r: Row): DataDeletionRequest => ({
  confirmationCode: r.confirmation_code,
  provider: r.provider,
  requestedAt: r.requested_at,
  completedAt: r.completed_at,
  requestDigest: r.request_digest,
});

/** Every statement on `data_deletion_requests`. */
@Injectable()
export class DataDeletionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records a request under its code; when the same signed request came before, answers that one instead. */
  async open(m: EntityManager, code: string, provider: string, digest: string): Promise<{ code: string; replay: boolean }> {
    const inserted: { confirmation_code: string }[] = await m.query(
      `INSERT INTO data_deletion_requests (confirmation_code, provider, request_digest) VALUES ($1, $2, $3)
       ON CONFLICT (request_digest) DO NOTHING RETURNING confirmation_code`,
      [code, provider, digest],
    );
    if (inserted.length) return { code, replay: false };
    const [first] = (await m.query('SELECT confirmation_code FROM data_deletion_requests WHERE request_digest = $1', [digest])) as Row[];
    return { code: first.confirmation_code, replay: true };
  }

  async complete(m: EntityManager, code: string): Promise<void> {
    await m.query('UPDATE data_deletion_requests SET completed_at = now() WHERE confirmation_code = $1', [code]);
  }

  async find(code: string): Promise<DataDeletionRequest | null> {
    const rows: Row[] = await this.dataSource.query('SELECT * FROM data_deletion_requests WHERE confirmation_code = $1', [code]);
    return rows[0] ? toRequest(rows[0]) : null;
  }
}
