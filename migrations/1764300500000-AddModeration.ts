import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddModeration1764300500000 implements MigrationInterface {
  name = 'AddModeration1764300500000';

  async up(q: QueryRunner): Promise<void> {
    // The queue pages by (created_at, id) within a status: the old index had no id to seek on.
    await q.query(`DROP INDEX "IDX_comments_queue"`);
    await q.query(`CREATE INDEX "IDX_comments_queue" ON "comments" ("status", "created_at", "id") WHERE "status" IN ('pending', 'hidden')`);
    //   public comments readers have reported, below the hiding threshold or not:
    await q.query(`CREATE INDEX "IDX_comments_reported" ON "comments" ("created_at", "id") WHERE "status" = 'published' AND "report_count" > 0`);

    // A moderator's restore clears a comment's reports. The rows stay, so the
    // readers who made them cannot report it again to hide it again.
    await q.query(`ALTER TABLE "comment_reports" ADD "cleared_at" timestamptz`);

    // Display names the identity rules flag wait for a moderator (the queue's "names").
    await q.query(`ALTER TABLE "users" ADD "name_review" varchar(16)`);
    await q.query(`ALTER TABLE "users" ADD "pending_display_name" varchar(100)`);
    // The name a moderator approved: kept on later logins while the provider still gives it.
    await q.query(`ALTER TABLE "users" ADD "approved_display_name" varchar(100)`);
    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "CHK_users_name_review" CHECK ("name_review" IN ('pending', 'approved'))`);
    await q.query(`CREATE INDEX "IDX_users_name_review" ON "users" ("created_at", "id") WHERE "name_review" = 'pending'`);

    // A confirmed violation: a moderator rejected or deleted a comment for a rule.
    await q.query(`
      CREATE TABLE "strikes" (
        "id" bigserial NOT NULL,
        "user_id" uuid NOT NULL,
        "comment_id" uuid,
        "rule" varchar(64) NOT NULL,
        "actor_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_strikes" PRIMARY KEY ("id"),
        CONSTRAINT "FK_strikes_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_strikes_comment" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "IDX_strikes_user" ON "strikes" ("user_id")`);

    // Warnings, suspensions and bans: from the strike ladder (actor_id null) or a moderator.
    // users.suspended_until and suspension_reason keep the one in force, written in the same transaction.
    await q.query(`
      CREATE TABLE "sanctions" (
        "id" bigserial NOT NULL,
        "user_id" uuid NOT NULL,
        "kind" varchar(16) NOT NULL,
        "until" timestamptz,
        "reason" text NOT NULL,
        "strike_id" bigint,
        "actor_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "lifted_at" timestamptz,
        "lifted_by" uuid,
        CONSTRAINT "PK_sanctions" PRIMARY KEY ("id"),
        CONSTRAINT "FK_sanctions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_sanctions_strike" FOREIGN KEY ("strike_id") REFERENCES "strikes"("id") ON DELETE SET NULL,
        CONSTRAINT "CHK_sanctions_kind" CHECK ("kind" IN ('warning', 'suspend', 'ban'))
      )`);
    await q.query(`CREATE INDEX "IDX_sanctions_user" ON "sanctions" ("user_id", "created_at")`);

    // Rights-infringement claims (임시조치): the comment is hidden until hidden_until, then a moderator decides.
    await q.query(`
      CREATE TABLE "comment_claims" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "comment_id" uuid NOT NULL,
        "claimant" varchar(200) NOT NULL,
        "reason" varchar(2000) NOT NULL,
        "actor_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "hidden_until" timestamptz NOT NULL,
        "due_announced_at" timestamptz,
        "resolved_at" timestamptz,
        "resolution" varchar(16),
        "resolved_by" uuid,
        CONSTRAINT "PK_comment_claims" PRIMARY KEY ("id"),
        CONSTRAINT "FK_comment_claims_comment" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE,
        CONSTRAINT "CHK_comment_claims_resolution" CHECK ("resolution" IN ('restored', 'deleted'))
      )`);
    // One open claim per comment.
    await q.query(`CREATE UNIQUE INDEX "UQ_comment_claims_open" ON "comment_claims" ("comment_id") WHERE "resolved_at" IS NULL`);
    //   claims whose period has run out, for the sweep that announces them once:
    await q.query(`CREATE INDEX "IDX_comment_claims_due" ON "comment_claims" ("hidden_until") WHERE "resolved_at" IS NULL`);

    // Every moderator and admin action, and the CMS's article changes. actor_id and
    // target_id carry no foreign key: an erased account's entries keep its id.
    await q.query(`
      CREATE TABLE "moderation_audit" (
        "id" bigserial NOT NULL,
        "actor_id" uuid,
        "actor_kind" varchar(16) NOT NULL,
        "action" varchar(64) NOT NULL,
        "target_type" varchar(16) NOT NULL,
        "target_id" varchar(128) NOT NULL,
        "reason" text,
        "before" jsonb,
        "after" jsonb,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_moderation_audit" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_moderation_audit_actor_kind" CHECK ("actor_kind" IN ('moderator', 'admin', 'cms', 'system'))
      )`);
    await q.query(`CREATE INDEX "IDX_moderation_audit_actor" ON "moderation_audit" ("actor_id", "id")`);
    await q.query(`CREATE INDEX "IDX_moderation_audit_target" ON "moderation_audit" ("target_id", "id")`);
    // Append-only in the database itself: UPDATE, DELETE and TRUNCATE are refused. The one
    // exception is what an account's erasure needs: an entry about a person who no longer
    // exists (the target user, or the author its comment snapshot names) may have its
    // before/after reduced to the id and its reason dropped, nothing else. No switch a
    // session could turn on: the only entries it opens are those of people already erased.
    await q.query(`
      CREATE FUNCTION "moderation_audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        subject text;
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          subject := CASE OLD.target_type
                       WHEN 'user' THEN OLD.target_id
                       WHEN 'comment' THEN coalesce(OLD.before->>'authorId', OLD.after->>'authorId')
                     END;
        END IF;
        IF TG_OP = 'UPDATE' AND subject IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users WHERE id::text = subject)
           AND NEW.id = OLD.id AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.actor_kind = OLD.actor_kind
           AND NEW.action = OLD.action AND NEW.target_type = OLD.target_type AND NEW.target_id = OLD.target_id
           AND (NEW.reason IS NULL OR NEW.reason = OLD.reason) AND NEW.created_at = OLD.created_at
           AND (NEW.before IS NULL OR NEW.before = jsonb_build_object('id', NEW.before->'id'))
           AND (NEW.after IS NULL OR NEW.after = jsonb_build_object('id', NEW.after->'id')) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'moderation_audit is append-only: % refused', TG_OP USING ERRCODE = '42501';
      END $$`);
    await q.query(`CREATE TRIGGER "TRG_moderation_audit_append_only" BEFORE UPDATE OR DELETE ON "moderation_audit" FOR EACH ROW EXECUTE FUNCTION "moderation_audit_append_only"()`);
    await q.query(`CREATE TRIGGER "TRG_moderation_audit_no_truncate" BEFORE TRUNCATE ON "moderation_audit" FOR EACH STATEMENT EXECUTE FUNCTION "moderation_audit_append_only"()`);

    // The moderators' live queue: ids and kinds only, replayed after Last-Event-ID like an article's stream.
    await q.query(`
      CREATE TABLE "moderation_events" (
        "id" bigserial NOT NULL,
        "kind" varchar(32) NOT NULL,
        "subject_id" varchar(128) NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_moderation_events" PRIMARY KEY ("id")
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "moderation_events"`);
    await q.query(`DROP TABLE "moderation_audit"`);
    await q.query(`DROP FUNCTION "moderation_audit_append_only"()`);
    await q.query(`DROP TABLE "comment_claims"`);
    await q.query(`DROP TABLE "sanctions"`);
    await q.query(`DROP TABLE "strikes"`);
    await q.query(`DROP INDEX "IDX_users_name_review"`);
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "CHK_users_name_review"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "approved_display_name"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "pending_display_name"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "name_review"`);
    await q.query(`ALTER TABLE "comment_reports" DROP COLUMN "cleared_at"`);
    await q.query(`DROP INDEX "IDX_comments_reported"`);
    await q.query(`DROP INDEX "IDX_comments_queue"`);
    await q.query(`CREATE INDEX "IDX_comments_queue" ON "comments" ("status", "created_at") WHERE "status" IN ('pending', 'hidden')`);
  }
}
