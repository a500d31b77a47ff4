import { Article } from '../articles/article.entity';
import { DataDeletionRequest } from '../accounts/data-deletion-request.entity';
import { SessionRow } from '../auth/session.entity';
import { WidgetLoginCode, WidgetToken } from '../auth/widget-token.entities';
import { Comment } from '../comments/comment.entity';
import { CommentEvent } from '../live/comment-event.entity';
import { IdempotencyKey } from '../comments/idempotency-key.entity';
import { ListVersion } from '../comments/list-version.entity';
import { Reaction, ReactionEvent } from '../reactions/reaction.entity';
import { Report } from '../reports/report.entity';
import { AuditEntry, CommentClaim, ModerationEvent, Sanction, Strike } from '../moderation/moderation.entities';
import { UserIdentity } from '../users/user-identity.entity';
import { User } from '../users/user.entity';

/** Every entity the DataSource knows. */
export const entities = [Article, User, UserIdentity, SessionRow, DataDeletionRequest, Comment, Reaction, ReactionEvent, Report, IdempotencyKey, CommentEvent, Strike, Sanction, CommentClaim, AuditEntry, ModerationEvent, WidgetLoginCode, WidgetToken, ListVersion];
