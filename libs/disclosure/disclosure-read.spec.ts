import { Sensitivity } from '@app/vault';
import { DataUseOutcome } from './data-use-log-entry.entity';
import { DenialDetail, type ReadState, decideRead, readLogEntry } from './disclosure-read';
import {
  DisclosureStage,
  GrantEndReason,
  STAGE_PURPOSE,
  type StagePolicy,
  type VendorStanding,
} from './disclosure-stages';

const POLICY: StagePolicy = {
  broadcast: ['custom.access_notes'],
  offer: ['email'],
  award: ['email', 'phone', 'postal_address'],
};
const VAULT: Array<[string, Sensitivity]> = [
  ['custom.access_notes', Sensitivity.BASIC],
  ['email', Sensitivity.CONTACT],
  ['phone', Sensitivity.CONTACT],
  ['postal_address', Sensitivity.CONTACT],
  ['legal_name', Sensitivity.IDENTITY],
];

type Grant = ReadState['grants'][number];
const grant = (stage: DisclosureStage, itemKeys: string[], extra: Partial<Grant> = {}): Grant => ({
  id: `${stage}-${itemKeys.join('+')}`,
  stage,
  itemKeys,
  endedAt: null,
  endReason: null,
  revokedAt: null,
  ...extra,
});

const state = (standing: Partial<VendorStanding>, overrides: Partial<Omit<ReadState, 'standing'>> = {}): ReadState => ({
  ownerErased: false,
  standing: { intentOpen: true, matched: true, offered: false, awarded: false, ...standing },
  policy: POLICY,
  vault: new Map(VAULT),
  grants: [],
  termsAccepted: true,
  ...overrides,
});

const readOf = (items: Array<[string, DisclosureStage]>) => items.map(([key, stage]) => ({ key, stage }));

describe('decideRead: what a vendor may read, from one loaded state', () => {
  it('answers as if the intent did not exist to a vendor with no standing on it', () => {
    expect(decideRead(state({ matched: false }))).toEqual({ kind: 'not_visible' });
    expect(decideRead(state({ matched: false, intentOpen: false }))).toEqual({ kind: 'not_visible' });
  });

  it('reads the broadcast items to a matched vendor, logging the stage purpose', () => {
    expect(decideRead(state({}))).toEqual({
      kind: 'read',
      items: readOf([['custom.access_notes', DisclosureStage.BROADCAST]]),
      log: {
        itemKeys: ['custom.access_notes'],
        purpose: STAGE_PURPOSE[DisclosureStage.BROADCAST],
        outcome: DataUseOutcome.READ,
        detail: null,
      },
    });
  });

  it('reads nothing, and logs nothing, where the stages reached release nothing', () => {
    const empty = { broadcast: [], offer: [], award: [] };
    expect(decideRead(state({}, { policy: empty }))).toEqual({ kind: 'read', items: [], log: null });
    // Nothing is refused either when there is nothing to read, terms or not.
    expect(decideRead(state({}, { policy: empty, termsAccepted: false }))).toEqual({
      kind: 'read',
      items: [],
      log: null,
    });
  });

  it('adds the offer stage to an offering vendor, and everything to a winner, each item from its earliest stage', () => {
    expect(decideRead(state({ offered: true }))).toMatchObject({
      kind: 'read',
      items: readOf([
        ['custom.access_notes', DisclosureStage.BROADCAST],
        ['email', DisclosureStage.OFFER],
      ]),
    });
    const won = decideRead(state({ awarded: true, intentOpen: false }));
    expect(won).toEqual({
      kind: 'read',
      items: readOf([
        ['custom.access_notes', DisclosureStage.BROADCAST],
        ['email', DisclosureStage.OFFER],
        ['phone', DisclosureStage.AWARD],
        ['postal_address', DisclosureStage.AWARD],
      ]),
      log: {
        itemKeys: ['custom.access_notes', 'email', 'phone', 'postal_address'],
        purpose: [DisclosureStage.BROADCAST, DisclosureStage.OFFER, DisclosureStage.AWARD]
          .map((stage) => STAGE_PURPOSE[stage])
          .join('; '),
        outcome: DataUseOutcome.READ,
        detail: null,
      },
    });
  });

  it('refuses, and logs the items asked for, until the vendor accepted the current terms', () => {
    expect(decideRead(state({ offered: true }, { termsAccepted: false }))).toEqual({
      kind: 'refused',
      detail: DenialDetail.TERMS_NOT_ACCEPTED,
      log: {
        itemKeys: ['custom.access_notes', 'email'],
        purpose: 'Refused read',
        outcome: DataUseOutcome.DENIED,
        detail: DenialDetail.TERMS_NOT_ACCEPTED,
      },
    });
  });

  it('refuses a vendor whose grant was revoked for good, whatever its stage, naming the revoked items', () => {
    const revoked = grant(DisclosureStage.OFFER, ['email'], {
      endedAt: new Date(),
      endReason: GrantEndReason.REVOKED,
      revokedAt: new Date(),
    });
    const lapsed = grant(DisclosureStage.BROADCAST, ['custom.access_notes'], {
      endedAt: new Date(),
      endReason: GrantEndReason.REVOKED,
    });
    expect(decideRead(state({ awarded: true, intentOpen: false }, { grants: [lapsed, revoked] }))).toEqual({
      kind: 'refused',
      detail: DenialDetail.REVOKED,
      log: {
        itemKeys: ['email'],
        purpose: 'Refused read',
        outcome: DataUseOutcome.DENIED,
        detail: DenialDetail.REVOKED,
      },
    });
    // Revocation outranks terms: the refusal says why it is final.
    expect(decideRead(state({ offered: true }, { grants: [revoked], termsAccepted: false }))).toMatchObject({
      kind: 'refused',
      detail: DenialDetail.REVOKED,
    });
    // A revoked vendor that is no longer matched still learns the intent exists: it held a grant.
    expect(decideRead(state({ matched: false }, { grants: [revoked] }))).toMatchObject({ kind: 'refused' });
  });

  it('refuses everyone once the individual left, naming the items erasure ended (or all granted)', () => {
    const ended = grant(DisclosureStage.AWARD, ['phone', 'postal_address'], {
      endedAt: new Date(),
      endReason: GrantEndReason.ERASED,
    });
    const superseded = grant(DisclosureStage.AWARD, ['phone'], {
      endedAt: new Date(),
      endReason: GrantEndReason.SUPERSEDED,
    });
    const erased = { ownerErased: true, vault: new Map<string, Sensitivity>() };
    expect(decideRead(state({ awarded: true }, { ...erased, grants: [superseded, ended] }))).toEqual({
      kind: 'refused',
      detail: DenialDetail.ERASED,
      log: {
        itemKeys: ['phone', 'postal_address'],
        purpose: 'Refused read',
        outcome: DataUseOutcome.DENIED,
        detail: DenialDetail.ERASED,
      },
    });
    expect(decideRead(state({ awarded: true }, { ...erased, grants: [superseded] }))).toMatchObject({
      kind: 'refused',
      log: { itemKeys: ['phone'] },
    });
    // Erasure outranks a revocation.
    const revoked = grant(DisclosureStage.OFFER, ['email'], { endedAt: new Date(), revokedAt: new Date() });
    expect(decideRead(state({ awarded: true }, { ...erased, grants: [revoked] }))).toMatchObject({
      detail: DenialDetail.ERASED,
    });
    // Nothing was ever granted: nothing to refuse, nothing to log.
    expect(decideRead(state({}, erased))).toEqual({ kind: 'read', items: [], log: null });
  });

  it('follows the current state, not the stored grants: a sync that has not run yet changes nothing', () => {
    // Matched, but the broadcast grant is not made yet (the worker has the event): readable now.
    expect(decideRead(state({}, { grants: [] }))).toMatchObject({
      items: readOf([['custom.access_notes', DisclosureStage.BROADCAST]]),
    });
    // An item added to the vault under the policy: readable before its grant exists.
    const before = grant(DisclosureStage.AWARD, ['phone']);
    expect(
      decideRead(
        state(
          { awarded: true },
          { grants: [before], policy: { broadcast: [], offer: [], award: ['phone', 'legal_name'] } },
        ),
      ),
    ).toMatchObject({
      items: readOf([
        ['legal_name', DisclosureStage.AWARD],
        ['phone', DisclosureStage.AWARD],
      ]),
    });
    // An item removed from the vault, still in an active grant: not read.
    const stale = grant(DisclosureStage.OFFER, ['email']);
    const withoutEmail = new Map(VAULT.filter(([key]) => key !== 'email'));
    expect(decideRead(state({ offered: true }, { grants: [stale], vault: withoutEmail }))).toMatchObject({
      items: readOf([['custom.access_notes', DisclosureStage.BROADCAST]]),
    });
    // The intent closed (or the offer went): the offer-stage grant has not lapsed yet, but reads nothing.
    expect(decideRead(state({ offered: true, intentOpen: false }, { grants: [stale] }))).toEqual({
      kind: 'read',
      items: [],
      log: null,
    });
    // A policy item not in the vault is never decided.
    expect(
      decideRead(state({ offered: true }, { policy: { broadcast: [], offer: ['date_of_birth'], award: [] } })),
    ).toEqual({ kind: 'read', items: [], log: null });
  });

  it('logs a read of part of what was decided by the items actually opened', () => {
    expect(readLogEntry([])).toBeNull();
    expect(readLogEntry(readOf([['phone', DisclosureStage.AWARD]]))).toEqual({
      itemKeys: ['phone'],
      purpose: STAGE_PURPOSE[DisclosureStage.AWARD],
      outcome: DataUseOutcome.READ,
      detail: null,
    });
  });
});
