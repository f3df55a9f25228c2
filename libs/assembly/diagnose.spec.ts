import { assemble } from './assemble';
import { enumerateExactCovers } from './testing/exact-cover';
import { generateBundleHeavyInstance } from './testing/generate-instance';
import { presolveFalseInfeasible, presolveSolveErrors } from './testing/presolve-regressions';
import { referenceInfeasibility } from './testing/reference-diagnosis';
import type { AssemblyConstraints } from './types';

// Regression cases for HiGHS's presolve (see selection-model.ts): the named reason must not rest
// on a single solver verdict.
describe.each(['auto', 'milp'] as const)('infeasibility diagnosis (engine %s)', (engine) => {
  it('names the constraint at fault where HiGHS’s presolve calls coverage alone infeasible', async () => {
    const named = async (constraints: AssemblyConstraints) => {
      const result = await assemble({ ...presolveFalseInfeasible, constraints, engine });
      expect(result.status).toBe('infeasible');
      const { constraint, componentIds, minimumVendors } = result.infeasibility!;
      return { constraint, componentIds, minimumVendors };
    };
    expect(await named({ minVendorRating: 3.3 })).toEqual({
      constraint: 'MIN_RATING',
      componentIds: ['c1', 'c8', 'c17'],
      minimumVendors: undefined,
    });
    expect(await named({ maxVendors: 2 })).toEqual({
      constraint: 'MAX_VENDORS',
      componentIds: undefined,
      minimumVendors: 4,
    });
    expect(await named({ excludedVendorIds: ['v3'] })).toEqual({
      constraint: 'EXCLUDED_VENDORS',
      componentIds: undefined,
      minimumVendors: undefined,
    });

    const unconstrained = await assemble({ ...presolveFalseInfeasible, engine });
    expect(unconstrained.status).toBe('optimal');
    expect(unconstrained.solutions[0].total).toBe(381783);
  });

  it.each(presolveSolveErrors)(
    'does not fail where HiGHS’s presolve stops with a solve error (seed $seed)',
    async (spec) => {
      const input = { ...generateBundleHeavyInstance(spec), constraints: { minVendorRating: 3.3 }, engine };
      const result = await assemble(input);
      const { message, ...named } = result.infeasibility ?? { message: '' };
      expect(result.status).toBe('infeasible');
      expect(message).not.toBe('');
      expect(named).toEqual(referenceInfeasibility(input, enumerateExactCovers));
    },
  );
});
