import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../common/public.decorator';
import { DEMO_CSP, DEMO_CSS, demoPage } from './demo-page';

/**
 * The demo article at / (`?lang=ko` for the widget in Korean) and its
 * stylesheet: a news page like any other, embedding the widget.
 */
@ApiExcludeController()
@Public()
@Controller()
export class DemoController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Content-Security-Policy', DEMO_CSP)
  page(@Query('lang') lang: unknown): string {
    return demoPage(lang === 'ko' ? 'ko' : 'en');
  }

  @Get('demo.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=300')
  stylesheet(): string {
    return DEMO_CSS;
  }
}
