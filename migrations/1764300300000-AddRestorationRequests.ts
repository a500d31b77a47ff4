import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddRestorationRequests1764300300000 implements MigrationInterface {
  name = 'AddRestorationRequests1764300300000';

  async up(q: QueryRunner): Promise<void> {
    // An author may ask once for a comment hidden by a rights claim (임시조치) to be restored;
    // when they asked is what the moderation queue will sort by.
    await q.query(`ALTER TABLE "comments" ADD "restoration_requested_at" timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "comments" DROP COLUMN "restoration_requested_at"`);
  }
}
