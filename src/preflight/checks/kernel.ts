import { parseVersion } from '../../units/version.js';
import { kernelRelease } from '../host/facts.js';
import { errorOutcome, judgeVersion, levelInput, writtenRange, type WrittenRange } from '../judge.js';
import type { CheckModule } from '../types.js';

/**
 * The running kernel (uname -r) against `kernel`. Only the numeric part is compared:
 * `6.1.0-18-amd64` is 6.1.0, since a distribution's suffix is not a semver prerelease.
 */
export const kernelCheck: CheckModule = {
  id: 'kernel',
  description: 'Running kernel version (uname release, numeric part) against `kernel`.',
  scope: 'role',
  plan({ model, role }) {
    if (role === null) return [];
    const read = (level: 'minimum' | 'recommended'): WrittenRange | null => {
      const input = levelInput(role, level);
      return input ? writtenRange(model, input, 'kernel', role.at) : null;
    };
    const minimum = read('minimum');
    const recommended = read('recommended');
    if (!minimum && !recommended) return [];
    return [
      {
        check: 'kernel.version',
        role: role.name,
        component: null,
        minimum: minimum?.range.describe ?? null,
        recommended: recommended?.range.describe ?? null,
        at: minimum?.at ?? recommended?.at ?? role.at,
        async run() {
          const releaseText = kernelRelease();
          const numeric = /^\d+(?:\.\d+)*/.exec(releaseText);
          const version = numeric ? parseVersion(numeric[0]) : null;
          if (!version?.ok) return errorOutcome(`cannot read a version from the kernel release \`${releaseText}\``, releaseText);
          const judged = judgeVersion('kernel', version.value, minimum, recommended);
          return { ...judged, measured: releaseText };
        },
      },
    ];
  },
};
