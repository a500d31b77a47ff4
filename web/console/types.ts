/** The shapes of docs/api.md the console reads; only the fields it uses. */

export type Role = 'reader' | 'moderator' | 'admin';

export interface User {
  id: string;
  displayName: string;
  avatarUrl: string | null;
  role: Role;
  suspension: { until: string; reason: string | null; permanent: boolean } | null;
}

export interface Me {
  user: User;
  csrfToken: string | null;
}

export interface Provider {
  id: string;
  name: string;
  loginUrl: string;
}

export type CommentStatus = 'published' | 'pending' | 'hidden' | 'deleted';

export interface Comment {
  id: string;
  articleId: string;
  parentId: string | null;
  author: { id: string; displayName: string; avatarUrl: string | null; provider: string | null } | null;
  body: string;
  createdAt: string;
  editedAt: string | null;
  status: CommentStatus;
  agreeCount: number;
  disagreeCount: number;
  replyCount: number;
  notice: string | null;
}

export interface AuthorRecord {
  id: string;
  displayName: string;
  accountCreatedAt: string;
  accountAgeDays: number;
  comments: number;
  strikes: number;
  suspendedUntil: string | null;
  suspensionReason: string | null;
}

export interface Claim {
  id: string;
  claimant: string;
  reason: string;
  createdAt: string;
  hiddenUntil: string;
}

/** The toxicity scorer's reading of a comment (docs/api.md, the moderation queue). */
export interface Toxicity {
  score: number;
  hate: number;
  band: 'none' | 'hold' | 'reject';
  abstained: boolean;
  source: 'built-in' | 'remote';
  ngrams?: { text: string; weight: number }[];
}

export interface CommentItem {
  kind: 'comment';
  comment: Comment;
  article: { id: string; title: string | null; url: string | null };
  policy: { version: string; rules: string[]; toxicity?: Toxicity | null };
  reports: { count: number; reasons: Record<string, number>; items: { reason: string; reporterId: string; note: string | null; at: string }[] };
  author: AuthorRecord | null;
  claim: Claim | null;
  restorationRequestedAt: string | null;
}

export interface NameItem {
  kind: 'name';
  user: { id: string; displayName: string; requestedName: string; accountCreatedAt: string };
}

export type QueueItem = CommentItem | NameItem;

export type QueueStatus = 'pending' | 'reported' | 'hidden' | 'claims' | 'names';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: { id: string | null; kind: 'moderator' | 'admin' | 'cms' | 'system'; displayName?: string | null };
  action: string;
  target: { type: string; id: string };
  reason: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** What the 409 of a decision says won. */
export interface DecisionRecord {
  action: string;
  actorId: string | null;
  /** What the deciding moderator is called now (null for the system or an erased account). */
  actorName?: string | null;
  at: string;
  reason: string | null;
}

export interface PolicyRule {
  id: string;
  title: { ko: string; en: string };
  action: 'reject' | 'hold' | 'limit';
}

export type Decision = 'approve' | 'reject' | 'hide' | 'restore' | 'delete';

/** The moderation stream's frames: ids and kinds, never text. */
export interface QueueEvent {
  kind: string;
  id: string;
}
