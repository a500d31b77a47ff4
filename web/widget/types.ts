/** The shapes of docs/api.md the widget reads. */
export type Sort = 'newest' | 'oldest' | 'agreed';
export type Reaction = 'agree' | 'disagree';
export type Notice = 'awaiting_review' | 'hidden_by_reports' | 'hidden_by_claim' | 'hidden_by_moderator' | 'removed_by_moderator';
export type ReportReason = 'abuse' | 'spam' | 'personal_info' | 'defamation' | 'obscene' | 'hate' | 'other';

export interface Suspension {
  until: string;
  reason: string | null;
  permanent: boolean;
}

export interface User {
  id: string;
  displayName: string;
  avatarUrl: string | null;
  providers: string[];
  role: string;
  suspension: Suspension | null;
}

export interface Comment {
  id: string;
  articleId: string;
  parentId: string | null;
  author: { id: string; displayName: string; avatarUrl: string | null; provider: string | null } | null;
  body: string;
  createdAt: string;
  editedAt: string | null;
  status: 'published' | 'pending' | 'hidden' | 'deleted';
  agreeCount: number;
  disagreeCount: number;
  replyCount: number;
  myReaction: Reaction | null;
  notice: Notice | null;
}

export interface Page {
  items: Comment[];
  nextCursor: string | null;
  total: number;
}

export interface Article {
  id: string;
  commentsOpen: boolean;
  moderation: 'post' | 'pre';
  commentCount: number;
}

export interface Provider {
  id: string;
  name: string;
  loginUrl: string;
}

export type Localized = { ko: string; en: string };

export interface Policy {
  version: string;
  title: string;
  maxLength: number;
  rules: { id: string; title: Localized; description: Localized; message: Localized; action: 'reject' | 'hold' | 'limit' }[];
  sanctions: { strikeLadder: { kind: 'warning' | 'suspend' | 'ban'; days?: number }[]; claimHideDays: number };
  editWindowSeconds: number;
}

export interface Reactions {
  agreeCount: number;
  disagreeCount: number;
  myReaction: Reaction | null;
}
