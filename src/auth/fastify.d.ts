import 'fastify';
import type { LazySession } from './session-plugin';

declare module 'fastify' {
  // What @fastify/passport puts on request.user after deserialising the session.
  interface PassportUser {
    id: string;
    role: 'reader' | 'moderator' | 'admin';
  }
  interface FastifyRequest {
    /** Our lazy server-side session (session-plugin.ts): an id is made only when something is stored. */
    session: LazySession;
    /** Set by the global guard when the request authenticated with the CMS's bearer token. */
    viaCmsToken?: boolean;
    /** Set when the request authenticated with a widget token: the news site's origin the token was made for. */
    widgetOrigin?: string;
  }
}
