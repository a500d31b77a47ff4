import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddDataDeletionRequestDigest1764300400000 implements MigrationInterface {
  name = 'AddDataDeletionRequestDigest1764300400000';

  async up(q: QueryRunner): Promise<void> {
    // A digest of Facebook's signed_request: the same request replayed answers the first
    // confirmation code instead of erasing again (an account made since must not be erased by it).
    await q.query(`ALTER TABLE "data_deletion_requests" ADD "request_digest" varchar(64)`);
    await q.query(`CREATE UNIQUE INDEX "UQ_data_deletion_requests_request_digest" ON "data_deletion_requests" ("request_digest")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "UQ_data_deletion_requests_request_digest"`);
    await q.query(`ALTER TABLE "data_deletion_requests" DROP COLUMN "request_digest"`);
  }
}
