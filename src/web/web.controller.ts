import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AppError } from '../common/errors';
import { Public } from '../common/public.decorator';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { WebAssets, type Bundle } from './web-assets';

const YEAR = 31_536_000;

/**
 * The front ends: /widget.js, the one URL a newsroom embeds (a tiny loader,
 * cached for minutes, that loads the current hashed bundle), the hashed
 * bundles themselves (cached for a year, immutable), and the moderator
 * console's page.
 */
@ApiExcludeController()
@Public()
@Controller()
export class WebController {
  private readonly base: string;

  constructor(
    private readonly assets: WebAssets,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // The path too: behind a news site's path (https://news.example/comments) the widget must call the service there.
    this.base = config.publicUrl;
  }

  @Get('widget.js')
  async loader(@Res() reply: FastifyReply): Promise<void> {
    const file = this.built('widget');
    const src = JSON.stringify(`${this.base}/assets/${file}`);
    const base = JSON.stringify(this.base);
    await reply
      .type('text/javascript; charset=utf-8')
      .header('Cache-Control', 'public, max-age=300')
      .header('X-Content-Type-Options', 'nosniff')
      // A news site that isolates itself (Cross-Origin-Embedder-Policy) still loads the widget.
      .header('Cross-Origin-Resource-Policy', 'cross-origin')
      .send(
        `(function(){var w=window;w.__newsroomComments=w.__newsroomComments||{};w.__newsroomComments.base=${base};` +
          `var s=document.createElement('script');s.src=${src};s.async=true;s.crossOrigin='anonymous';(document.head||document.documentElement).appendChild(s);})();\n`,
      );
  }

  @Get('assets/:file')
  async asset(@Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    const body = /^[a-z]+\.[A-Z0-9]+\.js$/.test(file) ? this.assets.read(file) : null;
    if (!body) throw AppError.notFound('asset');
    await reply
      .type('text/javascript; charset=utf-8')
      .header('Cache-Control', `public, max-age=${YEAR}, immutable`)
      .header('Access-Control-Allow-Origin', '*')
      .header('Cross-Origin-Resource-Policy', 'cross-origin')
      .send(body);
  }

  @Get('moderation')
  async console(@Res() reply: FastifyReply): Promise<void> {
    const file = this.built('console');
    await reply
      .type('text/html; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .header('Content-Security-Policy', "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
          `<title>Moderation · newsroom-comments</title></head><body><div id="console"></div><script src="${this.base}/assets/${file}"></script></body></html>`,
      );
  }

  private built(bundle: Bundle): string {
    const file = this.assets.fileOf(bundle);
    if (!file) throw new AppError('UNAVAILABLE', { message: { en: 'The front end is not built: run npm run build.', ko: '프론트엔드가 빌드되지 않았습니다: npm run build를 실행하세요.' } });
    return file;
  }
}
