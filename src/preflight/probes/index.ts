import type { CheckModule } from '../types.js';

/** Service probes (PostgreSQL, Redis, HTTP(S), TCP, DNS): one module per file in this folder. */
export const PROBES: CheckModule[] = [];
