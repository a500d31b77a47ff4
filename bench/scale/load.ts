import autocannon from 'autocannon';

export interface Measured {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
  /** What the first unexpected answers said, to tell why a scenario had errors. */
  samples: string[];
}

export interface RequestSpec {
  method?: 'GET' | 'POST' | 'PUT';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * One autocannon run. `next` builds each request (so posts can rotate
 * readers and texts); `expect` is the statuses that count as right — any
 * other status, timeout or socket error is an error.
 */
export async function drive(
  name: string,
  base: string,
  opts: { seconds: number; connections: number; next: () => RequestSpec; expect: number[] },
): Promise<Measured> {
  const samples: string[] = [];
  let wrong = 0;
  const instance = autocannon({
    url: base,
    connections: opts.connections,
    duration: opts.seconds,
    pipelining: 1,
    timeout: 30,
    requests: [
      {
        setupRequest: (req) => {
          const r = opts.next();
          return { ...req, method: r.method ?? 'GET', path: r.path, headers: { ...(r.headers ?? {}) }, body: r.body };
        },
        onResponse: (status, body) => {
          if (!opts.expect.includes(status)) {
            wrong++;
            if (samples.length < 3) samples.push(`${status} ${String(body).slice(0, 300)}`);
          }
        },
      },
    ],
  });
  const result = await instance;
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: wrong + result.errors + result.timeouts,
    requests: result.requests.total,
    samples,
  };
}
