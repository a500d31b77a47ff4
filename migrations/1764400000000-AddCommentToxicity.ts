import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCommentToxicity1764400000000 implements MigrationInterface {
  name = 'AddCommentToxicity1764400000000';

  async up(q: QueryRunner): Promise<void> {
    // The toxicity scorer's reading of the last version of the body: its score, the band, and for a
    // held comment the few n-grams that weighed most. For moderators only; a deleted comment loses
    // it with its text (the n-grams are pieces of the text).
    await q.query(`ALTER TABLE "comments" ADD "toxicity" jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "comments" DROP COLUMN "toxicity"`);
  }
}
