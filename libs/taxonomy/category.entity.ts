import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** A node of the seeded category taxonomy. Codes are stable: clients and vendors store them. */
@Entity({ name: 'categories' })
export class Category {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Index('categories_parent_idx')
  @Column({ name: 'parent_code', type: 'text', nullable: true })
  parentCode: string | null;

  @ManyToOne(() => Category, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_code', foreignKeyConstraintName: 'categories_parent_fk' })
  parent?: Category | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  keywords: string[];
}
