import { Article } from '../articles/article.entity';
import { DataDeletionRequest } from '../auth/data-deletion-request.entity';
import { SessionRow } from '../auth/session.entity';
import { UserIdentity } from '../users/user-identity.entity';
import { User } from '../users/user.entity';

/** Every entity the DataSource knows. */
export const entities = [Article, User, UserIdentity, SessionRow, DataDeletionRequest];
