// The public face of libs/common: what other contexts and the apps may import (as @app/common).
export * from './cursor';
export * from './errors';
export * from './ids';
export * from './logging';
export * from './money';
export * from './shutdown';
