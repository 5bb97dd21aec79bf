/**
 * File metadata for host checks, read with node:fs only (never a shell, never a write).
 */
import { stat, statfs } from 'node:fs/promises';
import type { FilesystemStat, PathStat, RunContext } from '../types.js';

export async function statPath(path: string): Promise<PathStat | null> {
  try {
    const s = await stat(path);
    const kind: PathStat['kind'] = s.isDirectory()
      ? 'directory'
      : s.isFile()
        ? 'file'
        : s.isCharacterDevice()
          ? 'character-device'
          : s.isBlockDevice()
            ? 'block-device'
            : s.isSymbolicLink()
              ? 'symlink'
              : 'other';
    return { kind, mode: s.mode & 0o7777, uid: s.uid, gid: s.gid, dev: s.dev };
  } catch {
    return null;
  }
}

export async function statFilesystem(path: string): Promise<FilesystemStat | null> {
  try {
    // bigint: sizes above 2^53 bytes stay exact, and block counts multiply without float drift.
    const s = await statfs(path, { bigint: true });
    return { sizeBytes: s.blocks * s.bsize, freeBytes: s.bavail * s.bsize };
  } catch {
    return null;
  }
}

/** The context's stat, or node:fs when the context was built by hand without one. */
export function statOf(ctx: RunContext, path: string): Promise<PathStat | null> {
  return ctx.stat ? ctx.stat(path) : statPath(path);
}

export function statfsOf(ctx: RunContext, path: string): Promise<FilesystemStat | null> {
  return ctx.statfs ? ctx.statfs(path) : statFilesystem(path);
}
