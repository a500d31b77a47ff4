import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Article } from './article.entity';
import { ArticleView, UpsertArticleDto } from './dto';

@Injectable()
export class ArticlesService {
  constructor(@InjectRepository(Article) private readonly articles: Repository<Article>) {}

  /** Reading an unknown article creates nothing: it answers the defaults. */
  async get(id: string): Promise<ArticleView> {
    const article = await this.articles.findOneBy({ id });
    return article ? ArticleView.of(article) : ArticleView.unknown(id);
  }

  /** Published counts for up to 100 articles in one query; unknown ids count 0. */
  async counts(ids: string[]): Promise<Record<string, number>> {
    const rows: { id: string; comment_count: number }[] = await this.articles.query(
      'SELECT id, comment_count FROM articles WHERE id = ANY($1::varchar[])',
      [ids],
    );
    const counts: Record<string, number> = {};
    for (const id of ids) counts[id] = 0;
    for (const row of rows) counts[row.id] = row.comment_count;
    return counts;
  }

  async upsert(id: string, dto: UpsertArticleDto): Promise<ArticleView> {
    // Only the fields the CMS sent change; the comment count is never the CMS's to set.
    const sent = (Object.keys(COLUMN) as (keyof typeof COLUMN)[]).filter((k) => dto[k] !== undefined);
    const columns = sent.map((k) => COLUMN[k]);
    const values = sent.map((k) => dto[k]);
    const set = columns.map((c) => `"${c}" = EXCLUDED."${c}"`).concat('"updated_at" = now()');
    await this.articles.query(
      `INSERT INTO articles (id${columns.map((c) => `, "${c}"`).join('')})
       VALUES ($1${values.map((_, i) => `, $${i + 2}`).join('')})
       ON CONFLICT (id) DO UPDATE SET ${set.join(', ')}`,
      [id, ...values],
    );
    return this.get(id);
  }
}

const COLUMN = { url: 'url', title: 'title', commentsOpen: 'comments_open', moderation: 'moderation' } as const;
