export * from './errors';
export * from './ids';
export * from './money';
export * from './cursor';
export * from './logging';
