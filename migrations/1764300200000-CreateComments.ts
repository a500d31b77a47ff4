import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateComments1764300200000 implements MigrationInterface {
  name = 'CreateComments1764300200000';

  async up(q: QueryRunner): Promise<void> {
    // Published top-level comments: the list's `total`, kept in the same transaction as every change.
    await q.query(`ALTER TABLE "articles" ADD "top_level_count" integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "articles" ADD CONSTRAINT "CHK_articles_top_level_count" CHECK ("top_level_count" >= 0)`);
    await q.query(`
      CREATE TABLE "comments" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "article_id" varchar(128) NOT NULL,
        "parent_id" uuid,
        "author_id" uuid,
        "body" text NOT NULL,
        "status" varchar(16) NOT NULL,
        "notice" varchar(32),
        "agree_count" integer NOT NULL DEFAULT 0,
        "disagree_count" integer NOT NULL DEFAULT 0,
        "reply_count" integer NOT NULL DEFAULT 0,
        "report_count" integer NOT NULL DEFAULT 0,
        "policy_version" varchar(64) NOT NULL,
        "policy_rules" text[] NOT NULL DEFAULT '{}',
        "fingerprint" varchar(64) NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "edited_at" timestamptz,
        "deleted_at" timestamptz,
        CONSTRAINT "PK_comments" PRIMARY KEY ("id"),
        CONSTRAINT "FK_comments_article" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_comments_parent" FOREIGN KEY ("parent_id") REFERENCES "comments"("id") ON DELETE CASCADE,
        -- An erased account leaves authorless placeholders where replies hang on its comments.
        CONSTRAINT "FK_comments_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL,
        CONSTRAINT "CHK_comments_status" CHECK ("status" IN ('published', 'pending', 'hidden', 'deleted')),
        CONSTRAINT "CHK_comments_counts" CHECK ("agree_count" >= 0 AND "disagree_count" >= 0 AND "reply_count" >= 0 AND "report_count" >= 0)
      )`);
    // Each list index leads with the article and ends with the id, so a keyset
    // cursor (sort key, id) seeks straight to its place: page 10,000 costs what
    // page 1 does, and equal timestamps or agree counts never skip or repeat.
    //   newest and oldest (the same index read backwards):
    await q.query(`CREATE INDEX "IDX_comments_top_by_time" ON "comments" ("article_id", "created_at", "id") WHERE "parent_id" IS NULL`);
    //   agreed:
    await q.query(`CREATE INDEX "IDX_comments_top_by_agree" ON "comments" ("article_id", "agree_count", "created_at", "id") WHERE "parent_id" IS NULL`);
    //   a thread's replies, oldest first:
    await q.query(`CREATE INDEX "IDX_comments_replies" ON "comments" ("parent_id", "created_at", "id") WHERE "parent_id" IS NOT NULL`);
    //   a reader's own comments (GET /users/me/comments) and their flood counters (last 24 h, per article):
    await q.query(`CREATE INDEX "IDX_comments_author_time" ON "comments" ("author_id", "created_at", "id")`);
    await q.query(`CREATE INDEX "IDX_comments_author_article" ON "comments" ("author_id", "article_id")`);
    //   the moderation queue: only what waits for a decision.
    await q.query(`CREATE INDEX "IDX_comments_queue" ON "comments" ("status", "created_at") WHERE "status" IN ('pending', 'hidden')`);

    await q.query(`
      CREATE TABLE "comment_reactions" (
        "comment_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "value" varchar(8) NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        -- One reaction per reader per comment; also answers "my reactions on this page".
        CONSTRAINT "PK_comment_reactions" PRIMARY KEY ("comment_id", "user_id"),
        CONSTRAINT "FK_comment_reactions_comment" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_comment_reactions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "CHK_comment_reactions_value" CHECK ("value" IN ('agree', 'disagree'))
      )`);
    // Erasing an account removes its reactions (and their counts).
    await q.query(`CREATE INDEX "IDX_comment_reactions_user" ON "comment_reactions" ("user_id")`);

    await q.query(`
      CREATE TABLE "comment_reports" (
        "comment_id" uuid NOT NULL,
        "reporter_id" uuid NOT NULL,
        "reason" varchar(32) NOT NULL,
        "note" varchar(500),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        -- A reader reports a comment once.
        CONSTRAINT "PK_comment_reports" PRIMARY KEY ("comment_id", "reporter_id"),
        CONSTRAINT "FK_comment_reports_comment" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_comment_reports_reporter" FOREIGN KEY ("reporter_id") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "CHK_comment_reports_reason" CHECK ("reason" IN ('abuse', 'spam', 'personal_info', 'defamation', 'obscene', 'hate', 'other'))
      )`);
    await q.query(`CREATE INDEX "IDX_comment_reports_reporter" ON "comment_reports" ("reporter_id")`);

    // Set and switched reactions, counted for the daily reaction limit (removals do not count).
    await q.query(`
      CREATE TABLE "reaction_events" (
        "id" bigserial NOT NULL,
        "user_id" uuid NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_reaction_events" PRIMARY KEY ("id"),
        CONSTRAINT "FK_reaction_events_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "IDX_reaction_events_user_time" ON "reaction_events" ("user_id", "created_at")`);

    // A retried POST with the same Idempotency-Key returns the first answer; kept 24 h per user.
    await q.query(`
      CREATE TABLE "idempotency_keys" (
        "user_id" uuid NOT NULL,
        "key" varchar(255) NOT NULL,
        "request_hash" varchar(64) NOT NULL,
        "status_code" integer,
        "response" jsonb,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_idempotency_keys" PRIMARY KEY ("user_id", "key"),
        CONSTRAINT "FK_idempotency_keys_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    // The sweep of expired keys.
    await q.query(`CREATE INDEX "IDX_idempotency_keys_created_at" ON "idempotency_keys" ("created_at")`);

    // The live stream's history: a reconnecting client replays everything after its Last-Event-ID.
    // Rows are written under the article's row lock, so ids commit in order within an article.
    await q.query(`
      CREATE TABLE "comment_events" (
        "id" bigserial NOT NULL,
        "article_id" varchar(128) NOT NULL,
        "type" varchar(32) NOT NULL,
        "payload" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_comment_events" PRIMARY KEY ("id"),
        CONSTRAINT "FK_comment_events_article" FOREIGN KEY ("article_id") REFERENCES "articles"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "IDX_comment_events_article" ON "comment_events" ("article_id", "id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "comment_events"`);
    await q.query(`DROP TABLE "idempotency_keys"`);
    await q.query(`DROP TABLE "reaction_events"`);
    await q.query(`DROP TABLE "comment_reports"`);
    await q.query(`DROP TABLE "comment_reactions"`);
    await q.query(`DROP TABLE "comments"`);
    await q.query(`ALTER TABLE "articles" DROP COLUMN "top_level_count"`);
  }
}
