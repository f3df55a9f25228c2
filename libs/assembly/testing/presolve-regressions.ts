import type { AssemblyInput } from '../types';
import { components, offer } from './builders';

/**
 * A bundle-heavy request (20 required components, 29 offers, 22 of them bundles) whose coverage
 * model HiGHS 1.15.1 with presolve calls infeasible, although it has 14 exact covers (the
 * cheapest 381783); without presolve HiGHS solves it at once. With it the library named
 * NO_EXACT_COVER for every vendor constraint that left no cover: a minimum rating of 3.3 (really
 * MIN_RATING: nothing rated that high offers c1, c8 or c17), a vendor limit of 2 (MAX_VENDORS: 4
 * are needed) or excluding v3 (EXCLUDED_VENDORS). Found among generated instances of this shape
 * (seed 25680 of a scratch generator); kept literally, in its offer order, which HiGHS is sensitive to.
 */
export const presolveFalseInfeasible: AssemblyInput = {
  components: components(...Array.from({ length: 20 }, (_, index) => `c${index}`)),
  offers: [
    offer('o9', 'v1', 'c9+c14', 75550, 4.8),
    offer('o8', 'v0', 'c8+c12', 40981, 2.8),
    offer('o16', 'v3', 'c0', 6319, 3.3),
    offer('o22', 'v0', 'c5+c14', 42344, 2.8),
    offer('o17', 'v3', 'c7+c14+c18', 62999, 3.3),
    offer('o27', 'v4', 'c2+c4+c11', 60975, 3.4),
    offer('o19', 'v4', 'c7+c10', 20436, 3.4),
    offer('o2', 'v2', 'c3+c7', 38224, 2.8),
    offer('o5', 'v0', 'c5+c17', 20908, 2.8),
    offer('o23', 'v1', 'c0+c6+c7+c12', 59304, 4.8),
    offer('o26', 'v1', 'c3+c4+c16', 56798, 4.8),
    offer('o7', 'v1', 'c0', 5854, 4.8),
    offer('o6', 'v1', 'c4+c13', 31028, 4.8),
    offer('o0', 'v1', 'c2+c15+c18+c19', 66973, 4.8),
    offer('o15', 'v4', 'c2+c9+c14+c15', 143963, 3.4),
    offer('o14', 'v3', 'c0+c7+c19', 24094, 3.3),
    offer('o12', 'v1', 'c10+c18+c19', 37884, 4.8),
    offer('o25', 'v0', 'c6+c12+c15+c19', 98601, 2.8),
    offer('o1', 'v0', 'c1', 51950, 2.8),
    offer('o10', 'v0', 'c16', 39525, 2.8),
    offer('o21', 'v3', 'c4', 12447, 3.3),
    offer('o28', 'v0', 'c8+c11+c17', 55242, 2.8),
    offer('o3', 'v3', 'c6+c11', 19660, 3.3),
    offer('o20', 'v4', 'c2+c5+c7+c18', 56810, 3.4),
    offer('o4', 'v3', 'c10', 8278, 3.3),
    offer('o18', 'v1', 'c13', 22673, 4.8),
    offer('o11', 'v0', 'c9+c13+c18', 63620, 2.8),
    offer('o13', 'v4', 'c5+c12+c18+c19', 49770, 3.4),
    offer('o24', 'v0', 'c6+c13+c16', 66600, 2.8),
  ],
};

/**
 * `generateBundleHeavyInstance` specs whose coverage model HiGHS 1.15.1 with presolve fails to
 * solve at all ("run failed with HiGHS status -1", model status SOLVE_ERROR) while it solves without
 * presolve; `assemble` threw on them under a minimum rating of 3.3. Found by scanning seeds 1-105,000.
 */
export const presolveSolveErrors = [
  { seed: 4173, components: 23, offers: 32 },
  { seed: 104724, components: 20, offers: 26 },
];
