import { AppError } from './errors';
import { formatAmount, isCurrency, minorUnits, parseAmount } from './money';

describe('money', () => {
  it('knows ISO 4217 codes and their minor units', () => {
    expect(isCurrency('GBP')).toBe(true);
    expect(isCurrency('gbp')).toBe(false);
    expect(isCurrency('XQZ')).toBe(false);
    expect([minorUnits('GBP'), minorUnits('JPY'), minorUnits('KWD')]).toEqual([2, 0, 3]);
  });

  it('parses decimal strings into minor units exactly (no floats)', () => {
    expect(parseAmount('1250.5', 'GBP', 'f')).toBe(125050n);
    expect(parseAmount('0.1', 'GBP', 'f') + parseAmount('0.2', 'GBP', 'f')).toBe(30n);
    expect(parseAmount('1000', 'JPY', 'f')).toBe(1000n);
    expect(parseAmount('1.234', 'KWD', 'f')).toBe(1234n);
  });

  it('rejects negative, malformed, over-precise and huge amounts, naming the field', () => {
    for (const [amount, currency] of [
      ['-1', 'GBP'],
      ['1e5', 'GBP'],
      ['1.001', 'GBP'],
      ['1.5', 'JPY'],
      ['9999999999999999', 'GBP'],
    ]) {
      const attempt = () => parseAmount(amount, currency, 'input.budget');
      expect(attempt).toThrow(AppError);
      try {
        attempt();
      } catch (error) {
        expect((error as AppError).details.field).toBe('input.budget.amount');
      }
    }
    expect(() => parseAmount('1', 'XQZ', 'input.budget')).toThrow(/ISO 4217/);
  });

  it('formats minor units back to the currency precision', () => {
    expect(formatAmount(125050n, 'GBP')).toBe('1250.50');
    expect(formatAmount('5', 'GBP')).toBe('0.05');
    expect(formatAmount(1000, 'JPY')).toBe('1000');
  });
});
