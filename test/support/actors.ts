import { randomBytes } from 'node:crypto';
import type { TestStack } from './test-stack';

export interface Actor {
  token: string;
  accountId: string;
  vendorId: string | null;
  email: string;
}

export const SIGN_UP = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      token
      account {
        id
        vendorId
        email
      }
    }
  }
`;

export async function signUp(stack: TestStack, kind: 'INDIVIDUAL' | 'VENDOR', name: string): Promise<Actor> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${randomBytes(4).toString('hex')}@example.test`;
  const result = await stack.gql(SIGN_UP, {
    input: { kind, email, password: 'correct horse battery', displayName: name },
  });
  if (result.errors) throw new Error(`signUp failed: ${JSON.stringify(result.errors)}`);
  const payload = result.data!.signUp;
  return { token: payload.token, accountId: payload.account.id, vendorId: payload.account.vendorId, email };
}

export const UPDATE_VENDOR = /* GraphQL */ `
  mutation UpdateVendor($input: UpdateVendorProfileInput!) {
    updateVendorProfile(input: $input) {
      id
      name
      categories {
        code
      }
      serviceArea {
        lat
        lng
        radiusKm
      }
    }
  }
`;

export async function vendorWithProfile(
  stack: TestStack,
  name: string,
  profile: {
    categoryCodes?: string[];
    description?: string;
    keywords?: string[];
    serviceArea?: { lat: number; lng: number; radiusKm: number } | null;
  },
): Promise<Actor> {
  const vendor = await signUp(stack, 'VENDOR', name);
  const result = await stack.gql(UPDATE_VENDOR, { input: { name, ...profile } }, vendor.token);
  if (result.errors) throw new Error(`updateVendorProfile failed: ${JSON.stringify(result.errors)}`);
  return vendor;
}

/** Leeds city centre and Bristol: far enough apart for radius tests. */
export const LEEDS = { lat: 53.7997, lng: -1.5492 };
export const BRISTOL = { lat: 51.4545, lng: -2.5879 };

export const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString();
