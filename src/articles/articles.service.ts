import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '../database/read-routing';
import { inTransaction } from '../database/transaction';
import { AuditRepository, type Actor } from '../moderation/audit.repository';
import { ArticlesRepository } from './articles.repository';
import { ArticleView, UpsertArticleDto } from './dto';

@Injectable()
export class ArticlesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly articles: ArticlesRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** Reading an unknown article creates nothing: it answers the defaults. */
  async get(id: string, db?: Queryable): Promise<ArticleView> {
    const article = await this.articles.find(id, db);
    return article ? ArticleView.of(article) : ArticleView.unknown(id);
  }

  /** Published counts for up to 100 articles in one query; unknown ids count 0. */
  async counts(ids: string[], db?: Queryable): Promise<Record<string, number>> {
    const found = await this.articles.commentCounts(ids, db);
    return Object.fromEntries(ids.map((id) => [id, found.get(id) ?? 0]));
  }

  /** The CMS or a moderator changes an article's settings; the audit log keeps who, before and after. */
  async upsert(id: string, dto: UpsertArticleDto, actor: Actor): Promise<ArticleView> {
    return inTransaction(this.dataSource, async (m) => {
      await this.articles.lock(m, [id]);
      const before = await this.articles.find(id, m);
      await this.articles.upsert(m, id, dto);
      const after = ArticleView.of((await this.articles.find(id, m))!);
      await this.audit.record(m, actor, { action: 'article.update', targetType: 'article', targetId: id, before: before && ArticleView.of(before), after });
      return after;
    });
  }
}
