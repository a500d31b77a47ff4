import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class PolicyCheckDto {
  @ApiProperty({ example: '연락처 010-1234-5678 로 주세요' })
  @IsString()
  @MaxLength(100_000)
  body: string;
}

class LocalizedTextView {
  @ApiProperty() ko: string;
  @ApiProperty() en: string;
}

class PolicyRuleView {
  @ApiProperty({ example: 'pii.phone' }) id: string;
  @ApiProperty({ type: LocalizedTextView }) title: LocalizedTextView;
  @ApiProperty({ type: LocalizedTextView }) description: LocalizedTextView;
  @ApiProperty({ enum: ['reject', 'hold', 'limit'], description: '`limit` marks rules that refuse the request itself (rates, suspensions, closed articles)' })
  action: 'reject' | 'hold' | 'limit';
}

export class PolicyView {
  @ApiProperty() version: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: 250 }) maxLength: number;
  @ApiProperty({ type: [PolicyRuleView] }) rules: PolicyRuleView[];
}

class ViolationView {
  @ApiProperty() rule: string;
  @ApiProperty({ description: 'In the language of Accept-Language' }) message: string;
}

export class PolicyCheckView {
  @ApiProperty({ enum: ['allow', 'hold', 'reject'] }) verdict: 'allow' | 'hold' | 'reject';
  @ApiProperty({ type: [ViolationView] }) violations: ViolationView[];
  @ApiProperty({ description: 'Characters as a reader sees them (NFC, trimmed, grapheme clusters)' }) length: number;
}
