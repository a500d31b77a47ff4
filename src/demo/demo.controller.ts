import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../common/public.decorator';
import { DEMO_PAGE } from './demo-page';

/** A small page at / that drives the API like the widget would: log in, read, post, react. For newcomers and manual checks. */
@ApiExcludeController()
@Public()
@Controller()
export class DemoController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Content-Security-Policy', "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' https: data:")
  page(): string {
    return DEMO_PAGE;
  }
}
