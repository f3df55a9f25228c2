import {
  DisclosureStage,
  EMPTY_POLICY,
  GrantEndReason,
  type GrantState,
  type StagePolicy,
  type VendorStanding,
  planGrants,
  reachedStages,
} from './disclosure-stages';

const standing = (overrides: Partial<VendorStanding>): VendorStanding => ({
  intentOpen: true,
  matched: true,
  offered: false,
  awarded: false,
  ...overrides,
});
const policy: StagePolicy = { broadcast: [], offer: ['email'], award: ['postal_address', 'phone'] };
const vault = new Set(['email', 'phone', 'postal_address', 'legal_name']);
const grant = (
  id: string,
  stage: DisclosureStage,
  itemKeys: string[],
  extra: Partial<GrantState> = {},
): GrantState => ({
  id,
  stage,
  itemKeys,
  endedAt: null,
  revokedAt: null,
  ...extra,
});

describe('staged disclosure plans', () => {
  it('reaches stages cumulatively while the intent is open; only winners after', () => {
    expect([...reachedStages(standing({}))]).toEqual([DisclosureStage.BROADCAST]);
    expect([...reachedStages(standing({ offered: true }))]).toEqual([DisclosureStage.BROADCAST, DisclosureStage.OFFER]);
    expect(reachedStages(standing({ awarded: true, intentOpen: false })).size).toBe(3);
    expect(reachedStages(standing({ intentOpen: false, offered: true })).size).toBe(0);
  });

  it('grants nothing at broadcast by default', () => {
    expect(planGrants(EMPTY_POLICY, vault, standing({ offered: true }), [])).toEqual({
      blocked: false,
      keep: [],
      create: [],
      end: [],
    });
  });

  it('creates one grant per reached stage, with the policy items that are in the vault', () => {
    const plan = planGrants(
      { ...policy, award: ['postal_address', 'phone', 'date_of_birth'] },
      vault,
      standing({ awarded: true }),
      [],
    );
    expect(plan.create).toEqual([
      { stage: DisclosureStage.OFFER, itemKeys: ['email'] },
      { stage: DisclosureStage.AWARD, itemKeys: ['phone', 'postal_address'] },
    ]);
  });

  it('keeps matching grants, supersedes changed ones and lapses those of stages left', () => {
    const grants = [
      grant('o', DisclosureStage.OFFER, ['email']),
      grant('a', DisclosureStage.AWARD, ['postal_address']),
    ];
    const plan = planGrants(policy, vault, standing({ awarded: true }), grants);
    expect(plan.keep.map((g) => g.id)).toEqual(['o']);
    expect(plan.end).toEqual([{ id: 'a', reason: GrantEndReason.SUPERSEDED }]);
    expect(plan.create).toEqual([{ stage: DisclosureStage.AWARD, itemKeys: ['phone', 'postal_address'] }]);

    const lost = planGrants(policy, vault, standing({ intentOpen: false, offered: false }), [grants[0]]);
    expect(lost).toMatchObject({ keep: [], create: [], end: [{ id: 'o', reason: GrantEndReason.LAPSED }] });
  });

  it('blocks a vendor for good once a grant was revoked, and everyone once the individual left', () => {
    const revoked = grant('r', DisclosureStage.OFFER, ['email'], { endedAt: new Date(), revokedAt: new Date() });
    const active = grant('b', DisclosureStage.BROADCAST, ['email']);
    expect(planGrants(policy, vault, standing({ awarded: true }), [revoked, active])).toEqual({
      blocked: true,
      keep: [],
      create: [],
      end: [{ id: 'b', reason: GrantEndReason.REVOKED }],
    });
    expect(planGrants(policy, vault, standing({ awarded: true }), [active], true)).toMatchObject({
      blocked: true,
      end: [{ id: 'b', reason: GrantEndReason.ERASED }],
    });
  });
});
