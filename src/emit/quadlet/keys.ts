/**
 * The keys Quadlet accepts, by section, with the Podman version whose
 * podman-systemd.unit(5) first documents each. Quadlet refuses a whole unit
 * over one key it does not know ("unsupported key 'Pull' in group 'Container'",
 * podman issue 19165), so a unit may only use keys of its target version; what
 * has no key there goes to `PodmanArgs=`.
 *
 * Sources, read 2026-11-23: podman-systemd.unit(5) as shipped with Podman 4.4
 * (`docs/source/markdown/podman-systemd.unit.5.md`: the `[Container]`, `[Volume]`,
 * `[Network]` and `[Install]` keys it lists) and 4.5 (its option table), and
 * the release notes of 4.5 (`Secret`, podman PR 17423), 4.6, 4.7, 4.8, 5.0 and
 * 5.2 as the podlet project tracks them (its `Downgrade` of each unit kind and
 * its issues "Podman v4.7.0", "v4.8.0", "v5.0.0", "v5.2.0"). A key whose first
 * version these sources do not settle (`Memory`, `AddHost`, `CgroupsMode`…) is
 * left out: the emitter does not use it.
 */

export type QuadletVersion = readonly [number, number];

export const QUADLET_FIRST_VERSION: QuadletVersion = [4, 4];

type KeyTable = Readonly<Record<string, QuadletVersion>>;

function keys(version: QuadletVersion, names: readonly string[]): Record<string, QuadletVersion> {
  return Object.fromEntries(names.map((n) => [n, version]));
}

export const QUADLET_KEYS: Readonly<Record<'Container' | 'Volume' | 'Network' | 'Install', KeyTable>> = {
  Container: {
    ...keys([4, 4], [
      'AddCapability', 'AddDevice', 'Annotation', 'ContainerName', 'DropCapability', 'Environment', 'EnvironmentFile',
      'EnvironmentHost', 'Exec', 'ExposeHostPort', 'Group', 'Image', 'Label', 'Network', 'NoNewPrivileges', 'Notify',
      'PodmanArgs', 'PublishPort', 'ReadOnly', 'RemapGid', 'RemapUid', 'RemapUidSize', 'RemapUsers', 'RunInit',
      'SeccompProfile', 'Timezone', 'User', 'VolatileTmp', 'Volume',
    ]),
    ...keys([4, 5], [
      'HealthCmd', 'HealthInterval', 'HealthOnFailure', 'HealthRetries', 'HealthStartPeriod', 'HealthStartupCmd',
      'HealthStartupInterval', 'HealthStartupRetries', 'HealthStartupSuccess', 'HealthStartupTimeout', 'HealthTimeout',
      'IP', 'IP6', 'LogDriver', 'Mount', 'Rootfs', 'Secret', 'SecurityLabelDisable', 'SecurityLabelFileType',
      'SecurityLabelLevel', 'SecurityLabelType', 'Tmpfs', 'UserNS',
    ]),
    ...keys([4, 6], ['AutoUpdate', 'HostName', 'Mask', 'Pull', 'SecurityLabelNested', 'Sysctl', 'Unmask', 'WorkingDir']),
    ...keys([4, 7], ['DNS', 'DNSOption', 'DNSSearch', 'PidsLimit', 'ShmSize', 'Ulimit']),
    ...keys([4, 8], ['ContainersConfModule', 'GIDMap', 'GlobalArgs', 'ReadOnlyTmpfs', 'SubGIDMap', 'SubUIDMap', 'UIDMap']),
    ...keys([5, 0], ['Entrypoint', 'Pod', 'StopTimeout']),
    ...keys([5, 1], ['GroupAdd']),
    ...keys([5, 2], ['LogOpt', 'NetworkAlias', 'StopSignal']),
  },
  Volume: {
    ...keys([4, 4], ['Group', 'Label', 'User']),
    ...keys([4, 5], ['Copy', 'Device', 'Options', 'Type']),
    ...keys([4, 6], ['PodmanArgs']),
    ...keys([4, 7], ['VolumeName']),
    ...keys([4, 8], ['ContainersConfModule', 'Driver', 'GlobalArgs', 'Image']),
  },
  Network: {
    ...keys([4, 4], ['DisableDNS', 'Driver', 'Gateway', 'Internal', 'IPAMDriver', 'IPRange', 'IPv6', 'Label', 'Options', 'Subnet']),
    ...keys([4, 6], ['PodmanArgs']),
    ...keys([4, 7], ['DNS', 'NetworkName']),
    ...keys([4, 8], ['ContainersConfModule', 'GlobalArgs']),
  },
  // Quadlet applies only these `[Install]` keys itself (the units it generates are transient).
  Install: keys([4, 4], ['Alias', 'RequiredBy', 'WantedBy']),
};

export function versionAtLeast(version: QuadletVersion, floor: QuadletVersion): boolean {
  return version[0] > floor[0] || (version[0] === floor[0] && version[1] >= floor[1]);
}

/** Whether Quadlet of `version` accepts `key` in `[section]`. */
export function quadletSupports(section: keyof typeof QUADLET_KEYS, key: string, version: QuadletVersion): boolean {
  const table = QUADLET_KEYS[section];
  const since = Object.hasOwn(table, key) ? table[key] : undefined;
  return since !== undefined && versionAtLeast(version, since);
}

export function formatQuadletVersion(version: QuadletVersion): string {
  return `${version[0]}.${version[1]}`;
}
