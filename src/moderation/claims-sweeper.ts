import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ModerationService } from './moderation.service';

const SWEEP_MS = 60_000;

/**
 * Every minute, on every instance, announces rights claims whose period has
 * run out. Each claim is taken by exactly one sweep (a row lease in Postgres),
 * so any number of instances announce it once.
 */
@Injectable()
export class ClaimsSweeper implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ClaimsSweeper');
  private timer?: NodeJS.Timeout;

  constructor(private readonly moderation: ModerationService) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async sweep(): Promise<number> {
    try {
      return await this.moderation.announceDueClaims();
    } catch (error) {
      this.logger.warn({ msg: 'claims sweep failed; the next one retries', error: (error as Error).message });
      return 0;
    }
  }
}
