import 'fastify';

declare module 'fastify' {
  // What @fastify/passport puts on request.user after deserialising the session.
  interface PassportUser {
    id: string;
    role: 'reader' | 'moderator' | 'admin';
  }
  // What we keep in a session besides passport's own key.
  interface Session {
    csrfToken?: string;
    returnTo?: string;
    passport?: string;
  }
}
