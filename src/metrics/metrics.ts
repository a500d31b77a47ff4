/**
 * A small Prometheus text-format registry: counters and histograms with
 * labels. Enough for request counts and latencies by route and for the
 * policy's per-rule counters, without a dependency.
 */
type Labels = Record<string, string>;

function key(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}="${String(labels[k]).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');
}

class Counter {
  readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(labels: Labels = {}, by = 1): void {
    const k = key(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [k, v] of this.values) lines.push(`${this.name}${k ? `{${k}}` : ''} ${v}`);
    return lines.join('\n');
  }
}

class Histogram {
  private readonly series = new Map<string, { buckets: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly bounds: number[],
  ) {}
  observe(labels: Labels, value: number): void {
    const k = key(labels);
    let s = this.series.get(k);
    if (!s) {
      s = { buckets: this.bounds.map(() => 0), sum: 0, count: 0 };
      this.series.set(k, s);
    }
    for (let i = 0; i < this.bounds.length; i++) if (value <= this.bounds[i]) s.buckets[i]++;
    s.sum += value;
    s.count++;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [k, s] of this.series) {
      const pre = k ? `${k},` : '';
      this.bounds.forEach((b, i) => lines.push(`${this.name}_bucket{${pre}le="${b}"} ${s.buckets[i]}`));
      lines.push(`${this.name}_bucket{${pre}le="+Inf"} ${s.count}`);
      lines.push(`${this.name}_sum${k ? `{${k}}` : ''} ${s.sum}`);
      lines.push(`${this.name}_count${k ? `{${k}}` : ''} ${s.count}`);
    }
    return lines.join('\n');
  }
}

export class MetricsRegistry {
  readonly httpRequests = new Counter('http_requests_total', 'HTTP requests by method, route and status');
  readonly httpDuration = new Histogram('http_request_duration_seconds', 'HTTP request latency by method and route', [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
  ]);
  readonly commentsPosted = new Counter('comments_posted_total', 'Comments posted, by verdict (allow, hold, reject, limit)');
  readonly commentsEdited = new Counter('comments_edited_total', 'Comment edits, by verdict (allow, hold, reject, limit)');
  readonly policyRejections = new Counter('policy_rule_fired_total', 'Standards Board Policy rules that fired on a refused or held comment or edit, by rule and action');

  /** A decision of the Standards Board on a new comment or an edit. */
  recordVerdict(kind: 'post' | 'edit', verdict: { verdict: string; violations: { rule: string; action: string }[] }): void {
    (kind === 'post' ? this.commentsPosted : this.commentsEdited).inc({ verdict: verdict.verdict });
    for (const v of verdict.violations) this.policyRejections.inc({ rule: v.rule, action: v.action });
  }

  render(): string {
    return [this.httpRequests, this.httpDuration, this.commentsPosted, this.commentsEdited, this.policyRejections].map((m) => m.render()).join('\n') + '\n';
  }
}
