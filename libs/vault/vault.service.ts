import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { type Viewer, requireIndividual } from '@app/accounts';
import { AppConfig } from '@app/config';
import { queryRows } from '@app/database';
import { OutboxTopic, recordEvent } from '@app/outbox';
import {
  VaultCryptoError,
  decryptValue,
  encryptValue,
  masterKeyId,
  newDataKey,
  parseMasterKey,
  unwrapDataKey,
  wrapDataKey,
} from './vault-crypto';
import { type Sensitivity, defaultSensitivity, normaliseItemValue, parseItemKey } from './vault-item-keys';
import { VaultItem } from './vault-item.entity';
import { VaultKey } from './vault-key.entity';

export interface VaultEntry {
  key: string;
  value: string;
  sensitivity: Sensitivity;
  createdAt: Date;
  updatedAt: Date;
}

export interface SetVaultItemCommand {
  key: string;
  value: string;
  /** Defaults to the key's usual class (e.g. identity for legal_name); kept as it was when updating. */
  sensitivity?: Sensitivity | null;
}

/** The individual's data key no longer exists (erased): nothing sealed under it can be read again. */
export class VaultKeyDestroyedError extends Error {
  constructor() {
    super('the vault key was destroyed');
    this.name = 'VaultKeyDestroyedError';
  }
}

/** The personal data vault: values are sealed before they reach PostgreSQL and opened only here. */
@Injectable()
export class VaultService {
  private master: { key: Buffer; id: string } | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async list(viewer: Viewer): Promise<VaultEntry[]> {
    const individualId = requireIndividual(viewer, 'keep a personal data vault');
    const items = await this.dataSource
      .getRepository(VaultItem)
      .find({ where: { individualId }, order: { itemKey: 'ASC' } });
    return this.open(this.dataSource.manager, individualId, items);
  }

  async set(viewer: Viewer, command: SetVaultItemCommand): Promise<VaultEntry> {
    const individualId = requireIndividual(viewer, 'keep a personal data vault');
    const key = parseItemKey(command.key, 'input.key');
    const value = normaliseItemValue(key, command.value, 'input.value');
    return this.dataSource.transaction(async (manager) => {
      const dataKey = await this.dataKey(manager, individualId, true);
      try {
        const sealed = encryptValue(dataKey, value, individualId, key);
        const [row] = await queryRows<{ sensitivity: Sensitivity; created_at: Date; updated_at: Date }>(
          manager,
          `INSERT INTO vault_items (individual_id, item_key, sensitivity, sealed_value)
           VALUES ($1, $2, $3, $4)
           ON CONFLICT (individual_id, item_key) DO UPDATE
              SET sealed_value = EXCLUDED.sealed_value,
                  sensitivity = COALESCE($5, vault_items.sensitivity),
                  updated_at = now()
           RETURNING sensitivity, created_at, updated_at`,
          [individualId, key, command.sensitivity ?? defaultSensitivity(key), sealed, command.sensitivity ?? null],
        );
        await this.itemsChanged(manager, individualId, [key]);
        return { key, value, sensitivity: row.sensitivity, createdAt: row.created_at, updatedAt: row.updated_at };
      } finally {
        dataKey.fill(0);
      }
    });
  }

  async remove(viewer: Viewer, key: string): Promise<boolean> {
    const individualId = requireIndividual(viewer, 'keep a personal data vault');
    const itemKey = parseItemKey(key, 'key');
    return this.dataSource.transaction(async (manager) => {
      const result = await manager.delete(VaultItem, { individualId, itemKey });
      if ((result.affected ?? 0) === 0) return false;
      await this.itemsChanged(manager, individualId, [itemKey]);
      return true;
    });
  }

  /**
   * Disclosure sits above the vault: grants that name these items are synced by the worker, from
   * this event, recorded in the change's transaction (reads follow the vault at once regardless).
   */
  private itemsChanged(manager: EntityManager, individualId: string, itemKeys: string[]): Promise<void> {
    return recordEvent(manager, OutboxTopic.VAULT_ITEMS_CHANGED, { individualId, itemKeys });
  }

  /** Keys and classes of the individuals' items, without opening any value. */
  async metadata(
    manager: EntityManager,
    individualIds: readonly string[],
  ): Promise<Map<string, Map<string, Sensitivity>>> {
    const byIndividual = new Map<string, Map<string, Sensitivity>>(individualIds.map((id) => [id, new Map()]));
    if (individualIds.length === 0) return byIndividual;
    const rows = await manager.find(VaultItem, {
      where: { individualId: In([...individualIds]) },
      select: { individualId: true, itemKey: true, sensitivity: true },
    });
    for (const row of rows) byIndividual.get(row.individualId)?.set(row.itemKey, row.sensitivity);
    return byIndividual;
  }

  /**
   * Opens the given items of one individual (those that exist), inside the caller's transaction.
   * One query for the sealed items and the wrapped key: this is on every vendor read.
   */
  async read(manager: EntityManager, individualId: string, keys: readonly string[]): Promise<VaultEntry[]> {
    if (keys.length === 0) return [];
    const rows = await queryRows<{
      item_key: string;
      sensitivity: Sensitivity;
      sealed_value: Buffer;
      created_at: Date;
      updated_at: Date;
      wrapped_key: Buffer | null;
      master_key_id: string | null;
    }>(
      manager,
      `SELECT i.item_key, i.sensitivity, i.sealed_value, i.created_at, i.updated_at, k.wrapped_key, k.master_key_id
         FROM vault_items i LEFT JOIN vault_keys k ON k.individual_id = i.individual_id
        WHERE i.individual_id = $1 AND i.item_key = ANY($2::text[])
        ORDER BY i.item_key`,
      [individualId, [...keys]],
    );
    if (rows.length === 0) return [];
    const dataKey = this.unwrap(individualId, rows[0].wrapped_key, rows[0].master_key_id);
    try {
      return rows.map((row) => ({
        key: row.item_key,
        value: decryptValue(dataKey, row.sealed_value, individualId, row.item_key),
        sensitivity: row.sensitivity,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      }));
    } finally {
      dataKey.fill(0);
    }
  }

  /** Every item of one individual, opened (the export), inside the caller's transaction. */
  async readAll(manager: EntityManager, individualId: string): Promise<VaultEntry[]> {
    const items = await manager.find(VaultItem, { where: { individualId }, order: { itemKey: 'ASC' } });
    return this.open(manager, individualId, items);
  }

  /**
   * Opens a sealed value with the key currently stored for the individual. Throws
   * VaultKeyDestroyedError once the individual was erased (tests and benches: "backups stay sealed").
   */
  async openSealed(individualId: string, itemKey: string, sealed: Buffer): Promise<string> {
    const dataKey = await this.dataKey(this.dataSource.manager, individualId, false);
    try {
      return decryptValue(dataKey, sealed, individualId, itemKey);
    } finally {
      dataKey.fill(0);
    }
  }

  private async open(manager: EntityManager, individualId: string, items: VaultItem[]): Promise<VaultEntry[]> {
    if (items.length === 0) return [];
    const dataKey = await this.dataKey(manager, individualId, false);
    try {
      return items.map((item) => ({
        key: item.itemKey,
        value: decryptValue(dataKey, item.sealedValue, individualId, item.itemKey),
        sensitivity: item.sensitivity,
        createdAt: item.createdAt,
        updatedAt: item.updatedAt,
      }));
    } finally {
      dataKey.fill(0);
    }
  }

  /** The unwrapped data key; the caller zeroes it after use. Created on first use when `create`. */
  private async dataKey(manager: EntityManager, individualId: string, create: boolean): Promise<Buffer> {
    const master = this.masterKey();
    let row = await manager.findOne(VaultKey, { where: { individualId } });
    if (!row && create) {
      const fresh = newDataKey();
      await manager.query(
        `INSERT INTO vault_keys (individual_id, wrapped_key, master_key_id) VALUES ($1, $2, $3)
         ON CONFLICT (individual_id) DO NOTHING`,
        [individualId, wrapDataKey(master.key, fresh, individualId), master.id],
      );
      fresh.fill(0);
      // A concurrent first write may have won: use whichever key was stored.
      row = await manager.findOne(VaultKey, { where: { individualId } });
    }
    return this.unwrap(individualId, row?.wrappedKey ?? null, row?.masterKeyId ?? null);
  }

  private unwrap(individualId: string, wrappedKey: Buffer | null, wrappedBy: string | null): Buffer {
    const master = this.masterKey();
    if (!wrappedKey) throw new VaultKeyDestroyedError();
    if (wrappedBy !== master.id) {
      throw new VaultCryptoError(`data key was wrapped by master key ${wrappedBy}, not the configured one`);
    }
    return unwrapDataKey(master.key, wrappedKey, individualId);
  }

  private masterKey(): { key: Buffer; id: string } {
    if (!this.master) {
      if (!this.config.VAULT_MASTER_KEY)
        throw new Error('VAULT_MASTER_KEY is not configured: the vault is unavailable');
      const key = parseMasterKey(this.config.VAULT_MASTER_KEY);
      this.master = { key, id: masterKeyId(key) };
    }
    return this.master;
  }
}
