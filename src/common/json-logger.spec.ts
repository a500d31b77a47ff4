import { JsonLogger } from './json-logger';

function capture(level: ConstructorParameters<typeof JsonLogger>[0]) {
  const lines: Record<string, unknown>[] = [];
  const logger = new JsonLogger(level, (line) => lines.push(JSON.parse(line)));
  return { logger, lines };
}

describe('JsonLogger', () => {
  // What Nest says at info level while it boots: one line per module and one per route (about 50 in all).
  const bootChatter: [string, string][] = [
    ['Starting Nest application...', 'NestFactory'],
    ['CommentsModule dependencies initialized', 'InstanceLoader'],
    ['CommentsController {/}:', 'RoutesResolver'],
    ['Mapped {/articles/:articleId/comments, POST} route', 'RouterExplorer'],
    ['Nest application successfully started', 'NestApplication'],
  ];

  it.each(bootChatter)('writes Nest’s start-up line "%s" (%s) at debug, so it does not bury the lines that matter', (msg, context) => {
    const info = capture('info');
    info.logger.log(msg, context);
    expect(info.lines).toEqual([]);

    const debug = capture('debug');
    debug.logger.log(msg, context);
    expect(debug.lines).toEqual([{ time: expect.any(String), level: 'debug', context, msg }]);
  });

  it('keeps the application’s own start-up lines at info: which database, and where it listens', () => {
    const { logger, lines } = capture('info');
    logger.log({ msg: 'using the embedded database (PGlite) in /srv/var/pglite', dataDir: '/srv/var/pglite' }, 'Bootstrap');
    logger.log({ msg: 'listening on http://localhost:3000', port: 3000 }, 'Bootstrap');
    expect(lines.map((l) => [l.level, l.context, l.msg])).toEqual([
      ['info', 'Bootstrap', 'using the embedded database (PGlite) in /srv/var/pglite'],
      ['info', 'Bootstrap', 'listening on http://localhost:3000'],
    ]);
    expect(lines[0].dataDir).toBe('/srv/var/pglite');
  });

  it('still writes a warning or an error from those Nest contexts at its own level', () => {
    const { logger, lines } = capture('info');
    logger.warn('Duplicate route', 'RouterExplorer');
    logger.error('Nest can’t resolve dependencies', 'stack trace', 'InstanceLoader');
    expect(lines.map((l) => [l.level, l.context, l.msg, l.stack])).toEqual([
      ['warn', 'RouterExplorer', 'Duplicate route', undefined],
      ['error', 'InstanceLoader', 'Nest can’t resolve dependencies', 'stack trace'],
    ]);
  });

  it('drops lines under its level and writes none when silent', () => {
    const warn = capture('warn');
    warn.logger.log('hello', 'Bootstrap');
    warn.logger.warn('careful', 'Bootstrap');
    expect(warn.lines.map((l) => l.msg)).toEqual(['careful']);

    const silent = capture('silent');
    silent.logger.error('boom', undefined, 'Bootstrap');
    expect(silent.lines).toEqual([]);
  });
});
