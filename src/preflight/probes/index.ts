import type { CheckModule } from '../types.js';
import { dnsProbe } from './dns.js';
import { httpProbe } from './http.js';
import { postgresProbe } from './postgres.js';
import { redisProbe } from './redis.js';
import { tcpProbe } from './tcp.js';

/** Service probes (PostgreSQL, Redis, HTTP(S), TCP, DNS): one module per file in this folder. */
export const PROBES: CheckModule[] = [postgresProbe, redisProbe, httpProbe, tcpProbe, dnsProbe];
