import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Counters whose sum is part of an article's list version (see
 * ListVersionsRepository and the AddListVersions migration, which also adds
 * the triggers that bump article '*'). Known to TypeORM so that the schema
 * it compares with the migrations includes the table.
 */
@Entity('list_versions')
export class ListVersion {
  @PrimaryColumn({ name: 'article_id', type: 'varchar', length: 128, primaryKeyConstraintName: 'PK_list_versions' })
  articleId: string;

  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'PK_list_versions' })
  slot: number;

  @Column({ type: 'bigint', default: 0 })
  n: string;
}
