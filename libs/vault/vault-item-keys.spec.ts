import { AppError } from '@app/common';
import { Sensitivity, defaultSensitivity, itemLabel, normaliseItemValue, parseItemKey } from './vault-item-keys';

describe('vault item keys', () => {
  it('accepts the standard keys and custom.<slug>, naming the field otherwise', () => {
    expect(parseItemKey('postal_address', 'input.key')).toBe('postal_address');
    expect(parseItemKey('custom.allergies', 'input.key')).toBe('custom.allergies');
    for (const bad of ['address', 'custom.', 'custom.Has Spaces', 'custom.x'.padEnd(60, 'x')]) {
      expect(() => parseItemKey(bad, 'input.key')).toThrow(
        expect.objectContaining({ details: { field: 'input.key' } }),
      );
    }
  });

  it('knows each key’s usual sensitivity and label', () => {
    expect(defaultSensitivity('legal_name')).toBe(Sensitivity.IDENTITY);
    expect(defaultSensitivity('phone')).toBe(Sensitivity.CONTACT);
    expect(defaultSensitivity('custom.blood_type')).toBe(Sensitivity.BASIC);
    expect(itemLabel('custom.blood_type')).toBe('Custom: blood type');
  });

  it('checks values per key', () => {
    expect(normaliseItemValue('email', '  me@example.test ', 'input.value')).toBe('me@example.test');
    expect(normaliseItemValue('date_of_birth', '1984-02-29', 'input.value')).toBe('1984-02-29');
    for (const [key, value] of [
      ['email', 'not-an-email'],
      ['phone', 'call me'],
      ['date_of_birth', '1983-02-29'],
      ['date_of_birth', '2999-01-01'],
      ['legal_name', '   '],
      ['postal_address', 'x'.repeat(501)],
    ]) {
      expect(() => normaliseItemValue(key, value, 'input.value')).toThrow(AppError);
    }
  });
});
