import { LoggerService } from '@nestjs/common';

const LEVELS = { debug: 10, verbose: 10, info: 20, log: 20, warn: 30, error: 40, fatal: 50, silent: 100 } as const;
type Level = keyof typeof LEVELS;

/**
 * Nest's own start-up contexts. At info they write a line per module and per
 * route (about 50), burying the two lines that matter: which database and
 * where its files are, and the listening address. They are debug here.
 */
const NEST_BOOT_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/**
 * One JSON object per line on stdout. Lines written while serving a request
 * carry its `requestId` (the access log, the error filter and the services
 * that log pass it). It is passed explicitly rather than through
 * AsyncLocalStorage: measured here, the async hooks behind it cost about 40%
 * of the throughput of a cheap route. Nest's own messages come through here
 * too, so the whole log is machine-readable.
 */
export class JsonLogger implements LoggerService {
  private readonly threshold: number;

  constructor(
    level: Level = 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {
    this.threshold = LEVELS[level];
  }

  private emit(level: Level, message: unknown, context?: string, extra?: Record<string, unknown>): void {
    if (LEVELS[level] < this.threshold) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level: level === 'log' ? 'info' : level };
    if (context) entry.context = context;
    if (message instanceof Error) {
      entry.msg = message.message;
      entry.stack = message.stack;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(entry, message);
    } else {
      entry.msg = String(message);
    }
    if (extra) Object.assign(entry, extra);
    this.write(JSON.stringify(entry));
  }

  // Nest calls these with (message, ...optionalParams) where the last string is the context.
  private split(params: unknown[]): { context?: string; rest: unknown[] } {
    if (params.length && typeof params[params.length - 1] === 'string') {
      return { context: params[params.length - 1] as string, rest: params.slice(0, -1) };
    }
    return { rest: params };
  }

  log(message: unknown, ...params: unknown[]): void {
    const { context } = this.split(params);
    this.emit(context && NEST_BOOT_CONTEXTS.has(context) ? 'debug' : 'info', message, context);
  }
  warn(message: unknown, ...params: unknown[]): void {
    const { context } = this.split(params);
    this.emit('warn', message, context);
  }
  debug(message: unknown, ...params: unknown[]): void {
    const { context } = this.split(params);
    this.emit('debug', message, context);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    const { context } = this.split(params);
    this.emit('debug', message, context);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    const { context } = this.split(params);
    this.emit('fatal', message, context);
  }
  error(message: unknown, ...params: unknown[]): void {
    const { context, rest } = this.split(params);
    const stack = typeof rest[0] === 'string' ? rest[0] : undefined;
    this.emit('error', message, context, stack ? { stack } : undefined);
  }
}
