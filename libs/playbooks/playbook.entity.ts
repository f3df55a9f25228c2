import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Category } from '@app/taxonomy';

export enum PlaybookOrigin {
  SEEDED = 'seeded',
  /** Published, anonymised, from a solved life event. */
  COMMUNITY = 'community',
}

/** A life event ("moving house") as the component needs it usually breaks into. */
@Entity({ name: 'playbooks' })
export class Playbook {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'text', default: PlaybookOrigin.SEEDED })
  origin: PlaybookOrigin;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @OneToMany('PlaybookComponent', 'playbook')
  components?: PlaybookComponent[];
}

@Entity({ name: 'playbook_components' })
@Index('playbook_components_position_key', ['playbookCode', 'position'], { unique: true })
export class PlaybookComponent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'playbook_code', type: 'text' })
  playbookCode: string;

  @ManyToOne(() => Playbook, (playbook) => playbook.components, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'playbook_code' })
  playbook?: Playbook;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'text' })
  title: string;

  /** Why this part usually belongs to the life event. */
  @Column({ type: 'text', default: '' })
  explanation: string;

  @Column({ name: 'category_code', type: 'text' })
  categoryCode: string;

  @ManyToOne(() => Category, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_code' })
  category?: Category;

  @Column({ type: 'boolean', default: false })
  optional: boolean;
}
