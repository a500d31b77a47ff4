import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateArticles1764300000000 implements MigrationInterface {
  name = 'CreateArticles1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "articles" (
        "id" varchar(128) NOT NULL,
        "url" text,
        "title" text,
        "comments_open" boolean NOT NULL DEFAULT true,
        "moderation" varchar(8) NOT NULL DEFAULT 'post',
        "comment_count" integer NOT NULL DEFAULT 0,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_articles" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_articles_moderation" CHECK ("moderation" IN ('post', 'pre')),
        CONSTRAINT "CHK_articles_comment_count" CHECK ("comment_count" >= 0)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "articles"`);
  }
}
