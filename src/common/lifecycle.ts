import { Global, Injectable, Module } from '@nestjs/common';

/**
 * What a graceful shutdown needs to know: whether it has begun (new requests
 * answer 503), how many requests are in flight, and the open event streams,
 * which never finish on their own and would hold the process for as long as
 * their readers stay.
 */
@Injectable()
export class Lifecycle {
  private draining = false;
  private inFlight = 0;
  private readonly streams = new Set<() => void>();
  private idle: (() => void) | null = null;

  get closing(): boolean {
    return this.draining;
  }

  /** Counts a request until its response is closed (streams included: they are closed by drain()). */
  started(onDone: (cb: () => void) => void): void {
    this.inFlight++;
    onDone(() => {
      this.inFlight--;
      if (this.inFlight === 0) this.idle?.();
    });
  }

  /** An open stream's way to end itself with a last frame; returns the unregistration. */
  onDrain(end: () => void): () => void {
    this.streams.add(end);
    return () => this.streams.delete(end);
  }

  /** Refuses new requests, ends the streams, and waits for the rest up to timeoutMs: true when none was left. */
  async drain(timeoutMs: number): Promise<boolean> {
    this.draining = true;
    for (const end of [...this.streams]) end();
    this.streams.clear();
    if (this.inFlight === 0) return true;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idle = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }
}

@Global()
@Module({ providers: [Lifecycle], exports: [Lifecycle] })
export class LifecycleModule {}
