import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { ReactionValue } from './reaction.entity';

export class ReactionDto {
  @ApiProperty({ enum: ['agree', 'disagree'] })
  @IsIn(['agree', 'disagree'])
  value: ReactionValue;
}

export class ReactionCountsView {
  @ApiProperty() agreeCount: number;
  @ApiProperty() disagreeCount: number;
  @ApiProperty({ nullable: true, type: String, enum: ['agree', 'disagree'] }) myReaction: ReactionValue | null;
}
