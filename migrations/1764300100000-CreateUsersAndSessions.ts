import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsersAndSessions1764300100000 implements MigrationInterface {
  name = 'CreateUsersAndSessions1764300100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "users" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "display_name" varchar(100) NOT NULL,
        "avatar_url" text,
        "profile_url" text,
        "role" varchar(16) NOT NULL DEFAULT 'reader',
        "suspended_until" timestamptz,
        "suspension_reason" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_users" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_users_role" CHECK ("role" IN ('reader', 'moderator', 'admin'))
      )`);
    await q.query(`
      CREATE TABLE "user_identities" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "provider" varchar(32) NOT NULL,
        "provider_user_id" varchar(128) NOT NULL,
        "handle" varchar(100),
        "display_name" varchar(100) NOT NULL,
        "avatar_url" text,
        "profile_url" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_user_identities" PRIMARY KEY ("id"),
        -- A provider account is one person: the login looks it up by this pair.
        CONSTRAINT "UQ_user_identities_provider_account" UNIQUE ("provider", "provider_user_id"),
        CONSTRAINT "FK_user_identities_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    // /auth/me lists a user's providers.
    await q.query(`CREATE INDEX "IDX_user_identities_user_id" ON "user_identities" ("user_id")`);
    await q.query(`
      CREATE TABLE "sessions" (
        "sid" varchar(128) NOT NULL,
        "user_id" uuid,
        "data" jsonb NOT NULL,
        "expires_at" timestamptz NOT NULL,
        CONSTRAINT "PK_sessions" PRIMARY KEY ("sid")
      )`);
    // Ending every session of a user (account deletion, ban).
    await q.query(`CREATE INDEX "IDX_sessions_user_id" ON "sessions" ("user_id")`);
    // The periodic clean-up of expired sessions.
    await q.query(`CREATE INDEX "IDX_sessions_expires_at" ON "sessions" ("expires_at")`);
    // Facebook's data-deletion callback answers with a status URL; this is what that page reads.
    // It keeps no trace of who asked: only the code, the provider and when.
    await q.query(`
      CREATE TABLE "data_deletion_requests" (
        "confirmation_code" varchar(64) NOT NULL,
        "provider" varchar(32) NOT NULL,
        "requested_at" timestamptz NOT NULL DEFAULT now(),
        "completed_at" timestamptz,
        CONSTRAINT "PK_data_deletion_requests" PRIMARY KEY ("confirmation_code")
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "data_deletion_requests"`);
    await q.query(`DROP TABLE "sessions"`);
    await q.query(`DROP TABLE "user_identities"`);
    await q.query(`DROP TABLE "users"`);
  }
}
