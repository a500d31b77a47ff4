import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddListVersions1764400210000 implements MigrationInterface {
  name = 'AddListVersions1764400210000';

  async up(q: QueryRunner): Promise<void> {
    // An anonymous list's ETag is its article's version: the article's latest comment_events id
    // (every change of state or text writes one, in id order under the article's lock) plus the
    // sum of these counters, for what lists show that writes no event. Reactions bump a random
    // slot of their article (8 slots, so a busy article's reactions do not queue on one row);
    // a change to a name, picture or shown provider bumps the row of article '*' (no article id
    // has a '*'), as it can show on any article. Sums only grow, so every change moves the version.
    await q.query(`
      CREATE TABLE "list_versions" (
        "article_id" varchar(128) NOT NULL,
        "slot" smallint NOT NULL,
        "n" bigint NOT NULL DEFAULT 0,
        CONSTRAINT "PK_list_versions" PRIMARY KEY ("article_id", "slot")
      )`);
    await q.query(`
      CREATE FUNCTION "list_versions_people"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO list_versions (article_id, slot, n) VALUES ('*', 0, 1)
        ON CONFLICT (article_id, slot) DO UPDATE SET n = list_versions.n + 1;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER "TR_users_list_versions" AFTER UPDATE OF display_name, avatar_url ON "users" FOR EACH ROW
        WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name OR OLD.avatar_url IS DISTINCT FROM NEW.avatar_url)
        EXECUTE FUNCTION "list_versions_people"()`);
    // A comment shows the provider of its author's most recently used identity: that moves only
    // for someone with more than one (a login touches updated_at).
    await q.query(`
      CREATE FUNCTION "list_versions_identities"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE r record;
      BEGIN
        IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
        IF EXISTS (SELECT 1 FROM user_identities WHERE user_id = r.user_id AND id <> r.id) THEN
          INSERT INTO list_versions (article_id, slot, n) VALUES ('*', 0, 1)
          ON CONFLICT (article_id, slot) DO UPDATE SET n = list_versions.n + 1;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER "TR_user_identities_list_versions" AFTER INSERT OR DELETE OR UPDATE ON "user_identities" FOR EACH ROW
        EXECUTE FUNCTION "list_versions_identities"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "TR_user_identities_list_versions" ON "user_identities"`);
    await q.query(`DROP TRIGGER "TR_users_list_versions" ON "users"`);
    await q.query(`DROP FUNCTION "list_versions_identities"()`);
    await q.query(`DROP FUNCTION "list_versions_people"()`);
    await q.query(`DROP TABLE "list_versions"`);
  }
}
