import { versionAfter } from './parse.js';
import type { SoftwareAdapter } from './types.js';

/**
 * `kubectl version --client -o json` answers `{"clientVersion": {"gitVersion": "v1.28.5"}}`
 * without contacting a cluster (plain `kubectl version` would).
 */
export const kubectl: SoftwareAdapter = {
  names: ['kubectl'],
  binaries: ['kubectl'],
  args: ['version', '--client', '--output=json'],
  parse(stdout) {
    try {
      const parsed = JSON.parse(stdout) as { clientVersion?: { gitVersion?: string } };
      const git = parsed.clientVersion?.gitVersion;
      if (typeof git === 'string') return versionAfter(git);
    } catch {
      // Older kubectl printed `Client Version: v1.20.0`.
    }
    return versionAfter(stdout, /Client Version:\s*(?:version\.Info\{.*?GitVersion:")?(v?[0-9][^\s",]*)/) ?? versionAfter(stdout);
  },
};
