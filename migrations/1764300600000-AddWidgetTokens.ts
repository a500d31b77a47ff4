import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddWidgetTokens1764300600000 implements MigrationInterface {
  name = 'AddWidgetTokens1764300600000';

  async up(q: QueryRunner): Promise<void> {
    // The widget on a news site of another site cannot use our cookie (third-party cookies are
    // blocked): a login popup hands it a one-time code by postMessage, exchanged here for a
    // bearer token it keeps in memory. Only digests are stored, never the code or the token.
    await q.query(`
      CREATE TABLE "widget_login_codes" (
        "code_digest" varchar(64) NOT NULL,
        "user_id" uuid NOT NULL,
        "origin" varchar(255) NOT NULL,
        "expires_at" timestamptz NOT NULL,
        CONSTRAINT "PK_widget_login_codes" PRIMARY KEY ("code_digest"),
        CONSTRAINT "FK_widget_login_codes_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE "widget_tokens" (
        "token_digest" varchar(64) NOT NULL,
        "user_id" uuid NOT NULL,
        "origin" varchar(255) NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz NOT NULL,
        CONSTRAINT "PK_widget_tokens" PRIMARY KEY ("token_digest"),
        CONSTRAINT "FK_widget_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    // Ending every widget session of a person (erasure, logout everywhere).
    await q.query(`CREATE INDEX "IDX_widget_tokens_user" ON "widget_tokens" ("user_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "widget_tokens"`);
    await q.query(`DROP TABLE "widget_login_codes"`);
  }
}
