import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors';
import { Public } from '../common/public.decorator';
import { AppError } from '../common/errors';
import { DatabaseService } from '../database/database.module';

class LiveView {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
}

class ReadyChecks {
  @ApiProperty() database: boolean;
  @ApiProperty() migrations: boolean;
}

class ReadyView {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty({ type: ReadyChecks }) checks: ReadyChecks;
}

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly database: DatabaseService) {}

  @Get('live')
  @ApiOperation({ summary: '200 while the process runs' })
  @ApiOkResponse({ type: LiveView, description: 'The process runs' })
  @ApiErrors()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HttpCode(200)
  @ApiOperation({ summary: '200 when the database answers and migrations are applied; 503 otherwise' })
  @ApiOkResponse({ type: ReadyView, description: 'The database answers and every migration is applied' })
  @ApiErrors('UNAVAILABLE')
  async ready(): Promise<{ status: 'ok'; checks: { database: boolean; migrations: boolean } }> {
    const checks = await this.database.ready();
    if (!checks.database || !checks.migrations) {
      throw new AppError('UNAVAILABLE', {
        message: checks.database
          ? { en: 'Database migrations are not applied.', ko: '데이터베이스 마이그레이션이 적용되지 않았습니다.' }
          : { en: 'The database does not answer.', ko: '데이터베이스가 응답하지 않습니다.' },
        details: { checks },
      });
    }
    return { status: 'ok', checks };
  }
}
