import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/config';
import { FacebookSandbox } from './sandbox/facebook-sandbox';
import type { Provider, ProviderRequest } from './sandbox/provider-http';
import { TwitterSandbox } from './sandbox/twitter-sandbox';
import { SANDBOX_CREDENTIALS, SANDBOX_PATHS, type ProviderSettings } from './providers';

/**
 * With AUTH_SANDBOX, this server also plays Twitter and Facebook at
 * /sandbox/…, speaking the real protocols, so that a fresh clone can log in
 * with no credentials. The strategies reach it over HTTP exactly as they
 * would reach the real providers. Never mounted in production (config refuses it).
 */
export function mountSandboxProviders(app: NestFastifyApplication, config: AppConfig, providers: ProviderSettings): void {
  if (!config.authSandbox) return;
  const fastify = app.getHttpAdapter().getInstance();
  const mounts: [string, Provider][] = [];
  if (providers.twitter?.sandbox) {
    mounts.push([SANDBOX_PATHS.twitter, new TwitterSandbox({ consumers: [{ ...SANDBOX_CREDENTIALS.twitter }] })]);
  }
  if (providers.facebook?.sandbox) {
    mounts.push([
      SANDBOX_PATHS.facebook,
      new FacebookSandbox({ apps: [{ ...SANDBOX_CREDENTIALS.facebook }], graphVersion: providers.facebook.graphVersion }),
    ]);
  }
  for (const [prefix, provider] of mounts) {
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      const url = new URL(request.url, config.publicUrl);
      const providerRequest: ProviderRequest = {
        method: request.method,
        path: url.pathname.slice(prefix.length) || '/',
        query: Object.fromEntries(url.searchParams),
        headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v])),
        form: request.body && typeof request.body === 'object' ? stringValues(request.body as Record<string, unknown>) : {},
        origin: config.publicUrl + prefix,
      };
      const answer = await provider.handle(providerRequest);
      await reply.status(answer.status).headers(answer.headers).send(answer.body);
    };
    fastify.route({ method: ['GET', 'POST'], url: `${prefix}/*`, handler });
  }
}

function stringValues(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}
