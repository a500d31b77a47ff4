import { Article } from '../articles/article.entity';

/** Every entity the DataSource knows. */
export const entities = [Article];
