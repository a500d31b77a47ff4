import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ERROR_CODES_PREFIX } from '../src/common/api-errors';
import { ERROR_STATUS, type ErrorCode } from '../src/common/errors';
import { startFakeProviders, type FakeProviders } from './fakes/fake-providers';
import { TestApp, startTestApp, truncateAll } from './helpers/app';
import { freePort } from './helpers/free-port';
import { login } from './helpers/login';
import { providerEnv } from './helpers/provider-env';

/**
 * The HTTP contract has three faces that must not drift: the server's
 * behaviour, its OpenAPI document (/docs-json) and docs/api.md. This spec
 * checks each against the others.
 */

interface Response {
  description?: string;
  content?: Record<string, { schema?: Record<string, unknown> }>;
}
interface Operation {
  summary?: string;
  responses: Record<string, Response>;
  requestBody?: unknown;
}
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
/** Served on purpose outside the OpenAPI document (an HTML page for people). */
const NOT_IN_OPENAPI = new Set(['GET /auth/facebook/data-deletion/:code']);

function operations(doc: Document): { key: string; method: string; path: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([p, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ key: `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`, method: m, path: p, op: item[m] })),
  );
}

/** The codes an error response lists, as ApiErrors writes them. */
function codesOf(response: Response): string[] {
  const d = response.description ?? '';
  return d.startsWith(ERROR_CODES_PREFIX) ? d.slice(ERROR_CODES_PREFIX.length).split(', ') : [];
}

const apiMd = fs.readFileSync(path.join(__dirname, '../docs/api.md'), 'utf8');

/** `METHOD /path` of every route row in docs/api.md's tables, outside sections marked "not served yet". */
function documentedRoutes(): Set<string> {
  const routes = new Set<string>();
  let served = true;
  for (const line of apiMd.split('\n')) {
    if (line.startsWith('#')) served = !/not served yet/i.test(line);
    const m = /^\| `(GET|POST|PUT|PATCH|DELETE) ([^`?]+)/.exec(line);
    if (served && m) routes.add(`${m[1]} ${m[2]}`);
  }
  return routes;
}

describe('the HTTP contract: behaviour, OpenAPI and docs/api.md agree', () => {
  let fakes: FakeProviders;
  let t: TestApp;
  let base: string;
  let doc: Document;

  beforeAll(async () => {
    fakes = await startFakeProviders();
    t = await startTestApp(providerEnv(fakes, { CMS_API_TOKEN: 'cms-contract' }));
    const port = await freePort();
    await t.app.listen({ port, host: '127.0.0.1' });
    base = `http://127.0.0.1:${port}`;
    doc = (await t.http().get('/docs-json').expect(200)).body;
  });
  afterAll(async () => {
    await t.close();
    await fakes.close();
  });
  beforeEach(() => truncateAll(t.dataSource));

  it('the error table of docs/api.md is the server’s table of codes and statuses', () => {
    const section = apiMd.slice(apiMd.indexOf('## Errors'), apiMd.indexOf('## Identity'));
    const rows = [...section.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]);
    expect(Object.fromEntries(rows)).toEqual(ERROR_STATUS);
  });

  it('every operation of the OpenAPI document is in docs/api.md, and every route there is served and described', () => {
    const described = new Set(operations(doc).map((o) => o.key));
    const documented = documentedRoutes();
    expect([...described].filter((k) => !documented.has(k))).toEqual([]);
    expect([...documented].filter((k) => !described.has(k) && !NOT_IN_OPENAPI.has(k))).toEqual([]);
  });

  it('the error shape is one schema, its codes the server’s table', () => {
    const schemas = doc.components.schemas as Record<string, { properties?: Record<string, unknown> }>;
    expect(schemas.ErrorBody).toBeDefined();
    expect(schemas.ErrorContent.properties!.code).toMatchObject({ enum: Object.keys(ERROR_STATUS) });
  });

  it('every operation describes its answer and its errors, each error answer in the error shape with codes of its status', () => {
    const problems: string[] = [];
    for (const { key, op } of operations(doc)) {
      if (!op.summary) problems.push(`${key}: no summary`);
      const statuses = Object.keys(op.responses);
      const success = statuses.filter((s) => /^[23]/.test(s));
      if (!success.length) problems.push(`${key}: no success answer`);
      for (const s of success) {
        const r = op.responses[s];
        if (!r.description) problems.push(`${key} ${s}: no description`);
        if (!['204', '302', '304'].includes(s) && !Object.values(r.content ?? {}).some((c) => c.schema)) problems.push(`${key} ${s}: no body schema`);
      }
      const errors = statuses.filter((s) => /^[45]/.test(s));
      // An operation that takes input says how it refuses bad input.
      const takesInput = Boolean(op.requestBody) || Boolean((op as { parameters?: unknown[] }).parameters?.length);
      if (takesInput && !errors.some((s) => s.startsWith('4'))) problems.push(`${key}: takes input but lists no 4xx answer`);
      if (!errors.includes('500')) problems.push(`${key}: no 500`);
      for (const s of errors) {
        const r = op.responses[s];
        const schema = r.content?.['application/json']?.schema;
        if (schema?.$ref !== '#/components/schemas/ErrorBody') problems.push(`${key} ${s}: not the ErrorBody schema`);
        const codes = codesOf(r);
        if (!codes.length) problems.push(`${key} ${s}: lists no error code`);
        for (const c of codes) if (ERROR_STATUS[c as ErrorCode] !== Number(s)) problems.push(`${key} ${s}: ${c} is not a ${s}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the CMS token is described as an opaque bearer token, not a JWT', () => {
    const schemes = (doc.components as { securitySchemes?: Record<string, { bearerFormat?: string; scheme?: string }> }).securitySchemes ?? {};
    expect(schemes.cms).toMatchObject({ scheme: 'bearer' });
    expect(schemes.cms.bearerFormat).not.toMatch(/jwt/i);
  });

  /**
   * Calls every operation as an anonymous client, then as a logged-in reader
   * without the CSRF token, with placeholder ids and an empty body, and
   * checks that each error the server really answered is one the document
   * lists for that operation.
   */
  it('every error the server answers to anonymous and token-less calls is documented for that operation', async () => {
    const reader = await login(t, 'twitter', { screenName: 'contract-reader' });
    const fill = (p: string) => p.replace('{articleId}', 'contract-article').replace('{id}', randomUUID());
    const undocumented: string[] = [];
    for (const { key, method, path: p, op } of operations(doc)) {
      for (const who of ['anonymous', 'reader'] as const) {
        const controller = new AbortController();
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (who === 'reader') headers.cookie = reader.cookie;
        const res = await fetch(`${base}${fill(p)}${p.endsWith('/counts') ? '?ids=a' : ''}`, {
          method: method.toUpperCase(),
          headers,
          body: method === 'get' ? undefined : '{}',
          redirect: 'manual',
          signal: controller.signal,
        });
        if (res.status < 400) {
          controller.abort();
          continue;
        }
        const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
        const code = body.error?.code ?? '(no error body)';
        const listed = codesOf(op.responses[String(res.status)] ?? {});
        if (!listed.includes(code)) undocumented.push(`${key} as ${who}: ${res.status} ${code}`);
      }
    }
    expect(undocumented).toEqual([]);
  });
});
