import { removeDominatedOffers } from './dominance';
import { prepareProblem } from './problem';
import { loadSolver, SelectionModel, type SelectionModelSpec } from './selection-model';
import { generateBundleHeavyInstance } from './testing/generate-instance';
import { presolveFalseInfeasible, presolveSolveErrors } from './testing/presolve-regressions';
import type { AssemblyInput } from './types';

/** The coverage-only model the diagnosis builds first: every offer, cheapest per component set. */
function coverageSpec(input: AssemblyInput): SelectionModelSpec {
  const problem = prepareProblem(input);
  const offers = removeDominatedOffers(problem.offers, {
    keep: 1,
    vendorAware: false,
    required: problem.required,
  }).kept;
  return { offers, required: problem.required, maxVendors: null, maxTotal: null, objective: 'total' };
}

async function solve(spec: SelectionModelSpec) {
  const model = new SelectionModel(await loadSolver(), spec);
  try {
    return model.solve(performance.now() + 10_000);
  } finally {
    model.dispose();
  }
}

describe('SelectionModel', () => {
  it('solves an exact-cover model that HiGHS’s presolve calls infeasible', async () => {
    const spec = coverageSpec(presolveFalseInfeasible);
    const outcome = await solve(spec);
    expect(outcome.status).toBe('optimal');
    const chosen = outcome.selection.map((index) => spec.offers[index]);
    const covered = chosen.flatMap((offer) => offer.components).sort((a, b) => a - b);
    expect(covered).toEqual(spec.required.map((_, component) => component));
    expect(chosen.reduce((sum, offer) => sum + offer.price, 0)).toBe(381783);
  });

  it.each(presolveSolveErrors)('solves a model HiGHS’s presolve fails on (seed $seed)', async (instance) => {
    expect((await solve(coverageSpec(generateBundleHeavyInstance(instance)))).status).toBe('optimal');
  });

  it('still reports a model without any exact cover infeasible', async () => {
    const input: AssemblyInput = {
      components: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      offers: [
        { id: 'ab', vendorId: 'v1', componentIds: ['a', 'b'], price: 10, vendorRating: 4 },
        { id: 'bc', vendorId: 'v2', componentIds: ['b', 'c'], price: 10, vendorRating: 4 },
        { id: 'ca', vendorId: 'v3', componentIds: ['c', 'a'], price: 10, vendorRating: 4 },
      ],
    };
    expect((await solve(coverageSpec(input))).status).toBe('infeasible');
  });
});
