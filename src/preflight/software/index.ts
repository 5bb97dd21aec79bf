import { ansible } from './ansible.js';
import { caddy } from './caddy.js';
import { clickhouse } from './clickhouse.js';
import { docker } from './docker.js';
import { genericAdapter } from './generic.js';
import { git } from './git.js';
import { juicefs } from './juicefs.js';
import { k3s } from './k3s.js';
import { kubectl } from './kubectl.js';
import { nginx } from './nginx.js';
import { node } from './node.js';
import { nvidiaSmi } from './nvidia-smi.js';
import { podman } from './podman.js';
import { postgres } from './postgres.js';
import { psql } from './psql.js';
import { python3 } from './python3.js';
import { rclone } from './rclone.js';
import { redisServer } from './redis-server.js';
import { rsync } from './rsync.js';
import type { SoftwareAdapter } from './types.js';

/** One adapter per tool: which program to run, with which arguments, and how to read its version. */
export const SOFTWARE_ADAPTERS: readonly SoftwareAdapter[] = [
  podman,
  docker,
  k3s,
  kubectl,
  postgres,
  psql,
  redisServer,
  clickhouse,
  juicefs,
  python3,
  node,
  ansible,
  nginx,
  caddy,
  nvidiaSmi,
  rclone,
  rsync,
  git,
];

/** The adapter for a name the spec uses (`PostgreSQL`, `python`, `redis`), or the generic `--version` one. */
export function adapterFor(name: string): SoftwareAdapter {
  const key = name.trim().toLowerCase();
  return SOFTWARE_ADAPTERS.find((a) => a.names.includes(key)) ?? genericAdapter(name.trim());
}

export type { SoftwareAdapter } from './types.js';
