// The public face of libs/demo: the towns the demo data spreads over.
export * from './demo-places';
