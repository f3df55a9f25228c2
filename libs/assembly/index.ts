export * from './types';
export { assemble, preloadAssemblySolver } from './assemble';
export { greedyAssemble } from './greedy';
export { findViolations } from './solution';
export { AssemblyInputError } from './problem';
