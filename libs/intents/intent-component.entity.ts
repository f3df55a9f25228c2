import { Category } from '@app/taxonomy';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Intent } from './intent.entity';

/** One part of a multi-part need; every intent has at least one. Offers price components. */
@Entity({ name: 'intent_components' })
@Index('intent_components_intent_position_key', ['intentId', 'position'], { unique: true })
export class IntentComponent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'intent_id', type: 'uuid' })
  intentId: string;

  @ManyToOne(() => Intent, (intent) => intent.components, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'intent_id' })
  intent?: Intent;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'category_code', type: 'text', nullable: true })
  categoryCode: string | null;

  @ManyToOne(() => Category, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_code' })
  category?: Category;

  @Column({ type: 'boolean', default: false })
  optional: boolean;
}
