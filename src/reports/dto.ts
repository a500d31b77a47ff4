import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { REPORT_REASONS, type ReportReason } from './report.entity';

export class ReportDto {
  @ApiProperty({ enum: REPORT_REASONS })
  @IsIn(REPORT_REASONS as unknown as string[])
  reason: ReportReason;

  @ApiPropertyOptional({ maxLength: 500, description: 'For the moderators; U+0000 characters are dropped' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ReportedView {
  @ApiProperty({ enum: [true] }) reported: true;
}
