import { MigrationInterface, QueryRunner } from 'typeorm';

export class DeferCommentForeignKeys1764400200000 implements MigrationInterface {
  name = 'DeferCommentForeignKeys1764400200000';

  async up(q: QueryRunner): Promise<void> {
    // A post inserts its comment before it takes its article's lock (CommentLifecycle.entered).
    // Checked at once, the foreign keys to the article and to the parent would each take a
    // key-share lock on a row other posts are updating, and on a breaking-news article every
    // such lock becomes a multixact shared with the updater. Checked at commit, they find the
    // rows already locked by the post itself (its counter updates), and cost nothing. The
    // lifecycle checks both exist before inserting; the cascades are not deferred.
    await q.query(`ALTER TABLE "comments" ALTER CONSTRAINT "FK_comments_article" DEFERRABLE INITIALLY DEFERRED`);
    await q.query(`ALTER TABLE "comments" ALTER CONSTRAINT "FK_comments_parent" DEFERRABLE INITIALLY DEFERRED`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "comments" ALTER CONSTRAINT "FK_comments_parent" NOT DEFERRABLE`);
    await q.query(`ALTER TABLE "comments" ALTER CONSTRAINT "FK_comments_article" NOT DEFERRABLE`);
  }
}
