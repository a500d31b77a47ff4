import { Module } from '@nestjs/common';
import { WebAssets } from './web-assets';
import { WebController } from './web.controller';

/** The widget and the moderator console, as `npm run build` made them. */
@Module({ controllers: [WebController], providers: [WebAssets] })
export class WebModule {}
