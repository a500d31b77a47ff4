import { Injectable } from '@nestjs/common';
import { ArticlesRepository } from './articles.repository';
import { ArticleView, UpsertArticleDto } from './dto';

@Injectable()
export class ArticlesService {
  constructor(private readonly articles: ArticlesRepository) {}

  /** Reading an unknown article creates nothing: it answers the defaults. */
  async get(id: string): Promise<ArticleView> {
    const article = await this.articles.find(id);
    return article ? ArticleView.of(article) : ArticleView.unknown(id);
  }

  /** Published counts for up to 100 articles in one query; unknown ids count 0. */
  async counts(ids: string[]): Promise<Record<string, number>> {
    const found = await this.articles.commentCounts(ids);
    return Object.fromEntries(ids.map((id) => [id, found.get(id) ?? 0]));
  }

  async upsert(id: string, dto: UpsertArticleDto): Promise<ArticleView> {
    await this.articles.upsert(id, dto);
    return this.get(id);
  }
}
