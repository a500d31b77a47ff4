import { Injectable, Logger } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../config/project-root';

export type Bundle = 'widget' | 'console';

/**
 * The front ends `npm run build` made (scripts/build-web.ts): bundles named by
 * a hash of their content, read once at start-up from dist/web.
 */
@Injectable()
export class WebAssets {
  private readonly logger = new Logger('WebAssets');
  private readonly dir = path.join(projectRoot(), 'dist/web');
  private readonly manifest: Partial<Record<Bundle, string>>;
  private readonly files = new Map<string, Buffer>();

  constructor() {
    try {
      this.manifest = JSON.parse(fs.readFileSync(path.join(this.dir, 'manifest.json'), 'utf8')) as Record<Bundle, string>;
      for (const file of Object.values(this.manifest)) this.files.set(file, fs.readFileSync(path.join(this.dir, file)));
    } catch {
      this.manifest = {};
      this.logger.warn({ msg: 'no front-end bundles in dist/web: run npm run build; the widget and the console answer 503 until then' });
    }
  }

  /** The hashed file name of a bundle, or null when it was not built. */
  fileOf(bundle: Bundle): string | null {
    return this.manifest[bundle] ?? null;
  }

  /** A built file by its hashed name (nothing else under dist/web is served). */
  read(file: string): Buffer | null {
    return this.files.get(file) ?? null;
  }
}
