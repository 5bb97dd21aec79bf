import { dirname } from 'node:path';
import type { FilesystemStat, PathStat, RunContext } from '../types.js';
import { statfsOf, statOf } from './fs.js';
import { mounts, type Mount } from './facts.js';

export interface Placement {
  /** The path asked about. */
  path: string;
  /** The nearest existing path at or above it (the path itself once it exists). */
  existing: string;
  stat: PathStat;
  fs: FilesystemStat;
  /** The mount that holds the path: the longest mount point that is a prefix of `existing`. */
  mount: Mount | null;
}

/**
 * Where a path lives: a directory the spec names may not exist before installing, and
 * then the filesystem that will hold it is its nearest existing ancestor's.
 */
export function placementOf(ctx: RunContext, path: string): Promise<Placement | null> {
  return ctx.memo(`placement:${path}`, async () => {
    let existing = path;
    for (;;) {
      const s = await statOf(ctx, existing);
      if (s !== null) {
        const fs = await statfsOf(ctx, existing);
        if (fs === null) return null;
        const all = await mounts(ctx);
        let best: Mount | null = null;
        for (const m of all) {
          const prefix = m.mountPoint === '/' ? '/' : `${m.mountPoint}/`;
          if ((existing === m.mountPoint || existing.startsWith(prefix)) && (best === null || m.mountPoint.length >= best.mountPoint.length)) best = m;
        }
        return { path, existing, stat: s, fs, mount: best };
      }
      const parent = dirname(existing);
      if (parent === existing) return null;
      existing = parent;
    }
  });
}
