import { osContradictsSoftware } from '../../../src/lint/rules/os-contradicts-software.js';
import { testRule } from '../rule-tester.js';

testRule(osContradictsSoftware, {
  valid: [
    { name: 'every listed OS ships the version', spec: `roles:
  host:
    minimum:
      os: [Ubuntu 24.04 LTS, Debian 13, Rocky Linux 9]
      software:
        podman: 4.4+
        python3: 3.9+
      kernel: 5.14+
` },
    { name: 'another source named, and a module stream on RHEL', spec: `roles:
  host:
    minimum:
      os: [Debian 12, Rocky Linux 9]
      software:
        podman: { version: 4.4+, package: podman-static }
        postgresql: 15+
` },
  ],
  invalid: [
    { name: 'Debian 12 podman and Ubuntu 22.04 kernel', spec: `roles:
  host:
    minimum:
      os: [Debian 12, Ubuntu 22.04]
      software:
        podman: 4.4+
      kernel: '6.9'
`, findings: [
      { messageId: 'belowMinimum', message: 'Debian 12 ships kernel 6.1 (package `linux-image-amd64`), below the 6.9 the role requires: on this acceptable OS the requirement cannot be met from the distribution\'s own packages', line: 4, column: 12 },
      { messageId: 'belowMinimum', message: 'Debian 12 ships podman 4.3.1 (package `podman`), below the 4.4+ the role requires: on this acceptable OS the requirement cannot be met from the distribution\'s own packages', line: 4, column: 12 },
      { messageId: 'belowMinimum', message: 'Ubuntu 22.04 ships kernel 6.8 (package `linux-generic-hwe-22.04`), below the 6.9 the role requires: on this acceptable OS the requirement cannot be met from the distribution\'s own packages', line: 4, column: 23 },
      { messageId: 'belowMinimum', message: 'Ubuntu 22.04 ships podman 3.4.4 (package `podman`), below the 4.4+ the role requires: on this acceptable OS the requirement cannot be met from the distribution\'s own packages', line: 4, column: 23 },
    ] },
    { name: 'RHEL python3 by package name, and a recommended version', spec: `roles:
  host:
    minimum:
      os: [Rocky Linux 9]
      software:
        python3: { version: { minimum: 3.11+, recommended: '3.12' }, package: python3 }
    recommended:
      os: [Ubuntu 24.04 LTS]
      software:
        podman: 5.0+
`, findings: [
      { messageId: 'belowMinimum', message: 'Rocky Linux 9 ships python3 3.9 (package `python3`), below the 3.11+ the role requires: on this acceptable OS the requirement cannot be met from the `python3` package the page names (its `python3.11` package would)', line: 4, column: 12 },
      { messageId: 'belowRecommended', message: 'Ubuntu 24.04 LTS ships podman 4.9.3 (package `podman`), below the 5.0+ the page recommends: on this OS the recommendation cannot be met from the distribution\'s own packages', line: 8, column: 12 },
    ] },
    { name: 'software a release does not package', spec: `roles:
  host:
    minimum:
      os: [Ubuntu 20.04]
      software:
        podman: 3.0+
`, findings: [
      { messageId: 'notPackaged', message: 'Ubuntu 20.04 does not package podman, which the role requires (3.0+): on this acceptable OS it has to come from another source the page does not name', line: 4, column: 12 },
    ] },
  ],
});
