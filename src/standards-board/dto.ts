import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
  @ApiProperty({ type: LocalizedTextView, description: 'What a reader is told when this rule refuses or holds their comment' }) message: LocalizedTextView;
  @ApiProperty({ enum: ['reject', 'hold', 'limit'], description: '`limit` marks rules that refuse the request itself (rates, suspensions, closed articles)' })
  action: 'reject' | 'hold' | 'limit';
}

class SanctionStepView {
  @ApiProperty({ enum: ['warning', 'suspend', 'ban'] }) kind: 'warning' | 'suspend' | 'ban';
  @ApiProperty({ required: false, description: 'Days of a suspension' }) days?: number;
}

class SanctionsView {
  @ApiProperty({ type: [SanctionStepView], description: 'Strike N takes rung N; past the last rung, the last one again' }) strikeLadder: SanctionStepView[];
  @ApiProperty({ description: 'How long a rights claim (임시조치) hides a comment' }) claimHideDays: number;
}

export class ToxicityBandsView {
  @ApiProperty({ description: 'At or above this toxic score (0 to 1) a comment is held for review (toxicity.hold)' }) hold: number;
  @ApiProperty({ description: 'At or above this toxic score a comment is refused (toxicity.reject)' }) reject: number;
  @ApiProperty({ description: 'Below this share of Hangul among its letters the Korean model abstains: no band' }) minHangulShare: number;
  @ApiProperty({ type: [String], example: ['toxic', 'hate'] }) heads: string[];
}

export class PolicyView {
  @ApiProperty() version: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: 250 }) maxLength: number;
  @ApiProperty({ type: [PolicyRuleView] }) rules: PolicyRuleView[];
  @ApiProperty({ type: SanctionsView }) sanctions: SanctionsView;
  @ApiProperty({ description: 'How long an author may edit a comment (EDIT_WINDOW_SECONDS)' }) editWindowSeconds: number;
  @ApiPropertyOptional({ type: ToxicityBandsView, description: 'The learned toxicity scorer’s bands, fixed from cross-validation' }) toxicity?: ToxicityBandsView;
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
