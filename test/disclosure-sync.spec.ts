import { type Actor, LEEDS, signUp, vendorWithProfile } from './support/actors';
import {
  acceptTerms,
  award,
  fillVault,
  makeOffer,
  type PostedIntent,
  postIntent,
  setPolicy,
  waitUntilMatched,
} from './support/privacy-fixtures';
import { snapshotTables } from './support/snapshot';
import { type TestStack, startTestStack } from './support/test-stack';

const VAULT = {
  legal_name: 'Tamsin Overbury',
  email: 'tamsin.o@example.test',
  phone: '+44 7700 900456',
  postal_address: '9 Weir Lane, Leeds LS6 4PQ',
  'custom.access_notes': 'Ring the bell twice',
};
const POLICY = { broadcast: ['custom.access_notes'], offer: ['email'], award: ['phone', 'postal_address'] };

const READ_INTENT = `query($id: ID!) { intent(id: $id) { disclosedItems { key value stage } } }`;
const GRANT_TABLES = ['disclosure_grants', 'consent_receipts'];

/**
 * Grants are made when a vendor's stage changes (matched, offered, awarded, withdrawn, closed) or the
 * policy or vault changes, never by a read; reads follow the current state even while a sync is pending.
 */
describe('disclosure grants follow stage changes; reads write none', () => {
  let stack: TestStack;
  let individual: Actor;
  let winner: Actor;
  let rival: Actor;
  let intent: PostedIntent;

  /** Active grants per vendor on an intent, each with whether its consent receipt exists. */
  const activeGrants = async (intentId: string, vendor: Actor) =>
    (await stack.dataSource.query(
      `SELECT g.stage, g.item_keys, EXISTS (SELECT 1 FROM consent_receipts r WHERE r.grant_id = g.id) AS receipt
         FROM disclosure_grants g WHERE g.intent_id = $1 AND g.vendor_id = $2 AND g.ended_at IS NULL
        ORDER BY g.stage`,
      [intentId, vendor.vendorId],
    )) as Array<{ stage: string; item_keys: string[]; receipt: boolean }>;
  const endReasons = async (intentId: string, vendor: Actor) =>
    (
      await stack.dataSource.query(
        `SELECT stage, end_reason FROM disclosure_grants WHERE intent_id = $1 AND vendor_id = $2 ORDER BY created_at, stage`,
        [intentId, vendor.vendorId],
      )
    ).map((row: { stage: string; end_reason: string | null }) => `${row.stage}:${row.end_reason ?? 'active'}`);
  const logRows = async (vendor: Actor) =>
    (await stack.dataSource.query(
      `SELECT item_keys, outcome FROM data_use_log WHERE vendor_id = $1 ORDER BY created_at, id`,
      [vendor.vendorId],
    )) as Array<{ item_keys: string[]; outcome: string }>;
  const readKeys = async (intentId: string, vendor: Actor) => {
    const result = await stack.gql(READ_INTENT, { id: intentId }, vendor.token);
    expect(result.errors).toBeUndefined();
    return (result.data!.intent.disclosedItems as Array<{ key: string; stage: string }>).map(
      (item) => `${item.key}@${item.stage}`,
    );
  };

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    individual = await signUp(stack, 'INDIVIDUAL', 'Tamsin');
    const profile = { categoryCodes: ['moving.removals'], serviceArea: { ...LEEDS, radiusKm: 50 } };
    winner = await vendorWithProfile(stack, 'Weir Lane Removals', profile);
    rival = await vendorWithProfile(stack, 'Otherside Removals', profile);
    await fillVault(stack, individual, VAULT);
  });

  afterAll(async () => {
    await stack.close();
  });

  it('makes the broadcast-stage grants of a match through the worker, with receipts, before any read', async () => {
    intent = await postIntent(stack, individual, { publish: false });
    await setPolicy(stack, individual, intent.id, POLICY);
    const published = await stack.gql(
      `mutation($id: ID!) { publishIntent(id: $id) { status } }`,
      { id: intent.id },
      individual.token,
    );
    expect(published.errors).toBeUndefined();
    for (const vendor of [winner, rival]) await waitUntilMatched(stack, intent.id, vendor);
    await stack.settle();
    for (const vendor of [winner, rival]) {
      expect(await activeGrants(intent.id, vendor)).toEqual([
        { stage: 'broadcast', item_keys: ['custom.access_notes'], receipt: true },
      ]);
      expect(await logRows(vendor)).toEqual([]);
    }
  });

  it('makes offer-stage grants with the offer and award-stage grants with the award, before any read', async () => {
    const winning = await makeOffer(stack, winner, intent, '800');
    await makeOffer(stack, rival, intent, '850');
    // In the offer's own transaction: no worker, no read in between.
    for (const vendor of [winner, rival]) {
      expect(await activeGrants(intent.id, vendor)).toEqual([
        { stage: 'broadcast', item_keys: ['custom.access_notes'], receipt: true },
        { stage: 'offer', item_keys: ['email'], receipt: true },
      ]);
    }
    await award(stack, individual, intent.id, winning);
    expect(await activeGrants(intent.id, winner)).toEqual([
      { stage: 'award', item_keys: ['phone', 'postal_address'], receipt: true },
      { stage: 'broadcast', item_keys: ['custom.access_notes'], receipt: true },
      { stage: 'offer', item_keys: ['email'], receipt: true },
    ]);
    // The rival left every stage with the award (its offer lost, the intent closed).
    expect(await activeGrants(intent.id, rival)).toEqual([]);
    expect(await endReasons(intent.id, rival)).toEqual(['broadcast:lapsed', 'offer:lapsed']);
    for (const vendor of [winner, rival]) expect(await logRows(vendor)).toEqual([]);
  });

  it('reads without writing a grant or receipt, following the current state while a sync is pending', async () => {
    await acceptTerms(stack, winner, intent.id);
    const before = await snapshotTables(stack.dataSource, GRANT_TABLES);
    expect(await readKeys(intent.id, winner)).toEqual([
      'custom.access_notes@BROADCAST',
      'email@OFFER',
      'phone@AWARD',
      'postal_address@AWARD',
    ]);
    expect(await snapshotTables(stack.dataSource, GRANT_TABLES)).toEqual(before);

    // The vault changes while the worker is away: the grants lag (the event waits in the outbox)...
    await stack.stopWorker();
    const deleted = await stack.gql(`mutation { deleteVaultItem(key: "postal_address") }`, {}, individual.token);
    expect(deleted.data?.deleteVaultItem).toBe(true);
    expect(await activeGrants(intent.id, winner)).toContainEqual({
      stage: 'award',
      item_keys: ['phone', 'postal_address'],
      receipt: true,
    });
    // ...the read does not: it follows the vault as it is, logs exactly that, and writes no grant.
    const logged = (await logRows(winner)).length;
    expect(await readKeys(intent.id, winner)).toEqual(['custom.access_notes@BROADCAST', 'email@OFFER', 'phone@AWARD']);
    expect((await logRows(winner)).slice(logged)).toEqual([
      { item_keys: ['custom.access_notes', 'email', 'phone'], outcome: 'read' },
    ]);
    expect(await snapshotTables(stack.dataSource, GRANT_TABLES)).toEqual(before);

    // The worker catches up: the award grant is superseded by one without the item, with its receipt.
    await stack.startWorker();
    await stack.settle();
    expect(await activeGrants(intent.id, winner)).toContainEqual({
      stage: 'award',
      item_keys: ['phone'],
      receipt: true,
    });
    expect(await endReasons(intent.id, winner)).toContain('award:superseded');
  });

  it('grants a vault item added under an existing policy through the sync, and reads it', async () => {
    const added = await stack.gql(
      `mutation($input: SetVaultItemInput!) { setVaultItem(input: $input) { key } }`,
      { input: { key: 'postal_address', value: VAULT.postal_address } },
      individual.token,
    );
    expect(added.errors).toBeUndefined();
    await stack.settle();
    expect(await activeGrants(intent.id, winner)).toContainEqual({
      stage: 'award',
      item_keys: ['phone', 'postal_address'],
      receipt: true,
    });
    const before = await snapshotTables(stack.dataSource, GRANT_TABLES);
    const result = await stack.gql(READ_INTENT, { id: intent.id }, winner.token);
    expect(result.data!.intent.disclosedItems).toContainEqual({
      key: 'postal_address',
      value: VAULT.postal_address,
      stage: 'AWARD',
    });
    expect(await snapshotTables(stack.dataSource, GRANT_TABLES)).toEqual(before);
    // An update of an item keeps its grant as it is.
    await stack.gql(
      `mutation($input: SetVaultItemInput!) { setVaultItem(input: $input) { key } }`,
      { input: { key: 'phone', value: '+44 7700 900457' } },
      individual.token,
    );
    await stack.settle();
    expect(await snapshotTables(stack.dataSource, GRANT_TABLES)).toEqual(before);
  });

  it('lapses a withdrawn offer at once, and a closed intent through the worker, refusing reads meanwhile', async () => {
    const open = await postIntent(stack, individual, { title: 'Piano removals' });
    await setPolicy(stack, individual, open.id, POLICY);
    for (const vendor of [winner, rival]) await waitUntilMatched(stack, open.id, vendor);
    await stack.settle();
    const offerId = await makeOffer(stack, rival, open, '400');
    await makeOffer(stack, winner, open, '450');
    for (const vendor of [winner, rival]) await acceptTerms(stack, vendor, open.id);
    expect(await readKeys(open.id, rival)).toEqual(['custom.access_notes@BROADCAST', 'email@OFFER']);

    const withdrawn = await stack.gql(
      `mutation($id: ID!) { withdrawOffer(id: $id) { status } }`,
      { id: offerId },
      rival.token,
    );
    expect(withdrawn.errors).toBeUndefined();
    expect(await endReasons(open.id, rival)).toEqual(['broadcast:active', 'offer:lapsed']);
    expect(await readKeys(open.id, rival)).toEqual(['custom.access_notes@BROADCAST']);

    await stack.stopWorker();
    const closed = await stack.gql(
      `mutation($id: ID!) { withdrawIntent(id: $id) { status } }`,
      { id: open.id },
      individual.token,
    );
    expect(closed.data?.withdrawIntent.status).toBe('WITHDRAWN');
    // Not synced yet: the grants are still active, but the closed intent releases nothing.
    expect((await activeGrants(open.id, winner)).map((grant) => grant.stage)).toEqual(['broadcast', 'offer']);
    const logged = (await logRows(winner)).length;
    expect(await readKeys(open.id, winner)).toEqual([]);
    expect((await logRows(winner)).length).toBe(logged);

    await stack.startWorker();
    await stack.settle();
    expect(await activeGrants(open.id, winner)).toEqual([]);
    expect(await activeGrants(open.id, rival)).toEqual([]);
    expect(await endReasons(open.id, winner)).toEqual(['broadcast:lapsed', 'offer:lapsed']);
  });
});
