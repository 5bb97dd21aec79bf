/** `infraspec cost`: monthly cost per phase, pure (the catalog is read at the edge). */
export { cost, costFindings } from './cost.js';
export type { CostOptions, PlacedMachines } from './context.js';
export * from './types.js';
