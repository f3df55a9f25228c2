import { JwtService } from '@nestjs/jwt';
import { AccountKind, type AccountsService, type Viewer } from '@app/accounts';
import type { VendorsService } from '@app/vendors';
import { ViewerService } from './viewer.service';

/** The "is this session's account still active" cache: at most 10 s old, re-checked ahead of expiry. */
describe('ViewerService session checks', () => {
  const viewer: Viewer = {
    accountId: '6b1d8a1e-3c3e-4f0e-9a51-2f4f1d8a0c11',
    kind: AccountKind.INDIVIDUAL,
    vendorId: null,
  };
  let active: boolean;
  let lookups: number;
  let pending: Array<() => void>;
  let service: ViewerService;
  let token: string;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-12-01T12:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    active = true;
    lookups = 0;
    pending = [];
    const accounts = {
      // Each lookup answers when the test says so, with the state of the account at that moment.
      activeAccount: () =>
        new Promise<{ id: string; kind: AccountKind } | null>((resolve) => {
          lookups += 1;
          pending.push(() => resolve(active ? { id: viewer.accountId, kind: viewer.kind } : null));
        }),
    } as unknown as AccountsService;
    const jwt = new JwtService({ secret: 'x'.repeat(32), signOptions: { expiresIn: 3600 } });
    service = new ViewerService(jwt, accounts, {} as VendorsService);
    token = service.issueSession(viewer);
  });

  afterEach(() => jest.useRealTimers());

  const answerLookups = async () => {
    for (const answer of pending.splice(0)) answer();
    await new Promise((resolve) => setImmediate(resolve));
  };
  const authenticate = () => service.authenticate(`Bearer ${token}`);
  const settle = async (request: Promise<unknown>) => {
    await new Promise((resolve) => setImmediate(resolve));
    await answerLookups();
    return request;
  };

  it('asks the database once, then reuses the answer for 10 s', async () => {
    expect(await settle(authenticate())).toEqual({ viewer });
    expect(lookups).toBe(1);
    jest.advanceTimersByTime(7_000);
    expect(await authenticate()).toEqual({ viewer });
    expect(lookups).toBe(1);
  });

  it('re-checks once in the background before expiry, so requests in flight at expiry do not all ask', async () => {
    await settle(authenticate());
    jest.advanceTimersByTime(8_500);
    // Fifty requests at once within 2 s of expiry: all served from the cache, one re-check started.
    const answers = await Promise.all(Array.from({ length: 50 }, () => authenticate()));
    expect(answers.every((answer) => answer.viewer?.accountId === viewer.accountId)).toBe(true);
    expect(lookups).toBe(2);
    await answerLookups();
    // The re-check started at 8.5 s: its answer holds until 18.5 s, not longer.
    jest.advanceTimersByTime(9_000);
    expect(await authenticate()).toEqual({ viewer });
    expect(lookups).toBe(3); // 17.5 s: within 2 s of the new expiry, re-checking again
    await answerLookups();
  });

  it('drops the cached answer when the re-check finds the account gone', async () => {
    await settle(authenticate());
    jest.advanceTimersByTime(8_500);
    active = false;
    expect(await authenticate()).toEqual({ viewer }); // still within the 10 s of the first answer
    await answerLookups();
    expect(await settle(authenticate())).toEqual({ viewer: null, invalidCredential: true });
  });

  it('never uses an answer older than 10 s, even if no re-check ran', async () => {
    await settle(authenticate());
    jest.advanceTimersByTime(10_001);
    active = false;
    expect(await settle(authenticate())).toEqual({ viewer: null, invalidCredential: true });
    expect(lookups).toBe(2);
  });

  it('refuses an erased account at once, even if a re-check that started before re-caches it', async () => {
    await settle(authenticate());
    jest.advanceTimersByTime(8_500);
    await authenticate(); // starts a re-check while the account is still active
    service.forget(viewer.accountId);
    await answerLookups(); // the re-check answers "active": read before the erasure
    expect(await settle(authenticate())).toEqual({ viewer: null, invalidCredential: true });
  });
});
