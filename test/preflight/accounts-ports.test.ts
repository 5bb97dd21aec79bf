import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { result, roleSpec, runHost } from './support.js';

const me = userInfo();
const myShell = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${me.username}:`))?.split(':')[6] ?? '';
const myGroup = readFileSync('/etc/group', 'utf8').split('\n').find((l) => l.split(':')[2] === String(me.gid))?.split(':')[0] ?? '';

describe('users, groups and directories', () => {
  it('finds the current user with its shell and primary group, and fails a user that does not exist', async () => {
    const report = await runHost(roleSpec(`users:\n  - { name: ${me.username}, shell: ${myShell}, groups: [${myGroup}] }\n  - { name: infraspec-no-such-user }`));
    expect(result(report, `user:${me.username}`).status).toBe('pass');
    expect(result(report, `group:${myGroup}`).status).toBe('pass');
    expect(result(report, 'user:infraspec-no-such-user').status).toBe('fail');
  });

  it('fails a wrong shell with the shell it found', async () => {
    const report = await runHost(roleSpec(`users:\n  - { name: ${me.username}, shell: /bin/infraspec-no-shell }`));
    expect(result(report, `user:${me.username}`)).toMatchObject({ status: 'fail' });
    expect(result(report, `user:${me.username}`).message).toContain(`shell is ${myShell}`);
  });

  it('checks owner, group and the exact mode of a directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'infraspec-dir-'));
    chmodSync(dir, 0o750);
    const ok = await runHost(roleSpec(`directories:\n  - { path: ${dir}, owner: ${me.username}, group: ${myGroup}, mode: "0750" }`));
    expect(result(ok, `directory:${dir}`)).toMatchObject({ status: 'pass', measured: `${me.username}:${myGroup} 0750` });
    const wrongMode = await runHost(roleSpec(`directories:\n  - { path: ${dir}, mode: "0700" }`));
    expect(result(wrongMode, `directory:${dir}`).message).toContain('mode is 0750, not 0700');
    const missing = await runHost(roleSpec(`directories:\n  - { path: ${dir}/absent }`));
    expect(result(missing, `directory:${dir}/absent`).status).toBe('fail');
  });
});

describe('rootless prerequisites', () => {
  it('plans subuid, subgid and linger checks for the users of a rootless role and judges them from the files', async () => {
    const report = await runHost(roleSpec('container: { engine: podman, rootless: true }\nusers:\n  - { name: infraspec-no-such-user, linger: true, subuid: "100000:65536" }'));
    for (const id of ['rootless.subuid:infraspec-no-such-user', 'rootless.subgid:infraspec-no-such-user', 'rootless.linger:infraspec-no-such-user']) {
      expect(result(report, id).status).toBe('fail');
    }
  });
});

describe('ports and reachability', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sees a loopback listener in /proc/net/tcp: listening passes, free fails', async () => {
    const report = await runHost(roleSpec(`ports: { free: [${port}], listening: [${port}] }`));
    expect(result(report, `port.listening:${port}`).status).toBe('pass');
    expect(result(report, `port.free:${port}`)).toMatchObject({ status: 'fail', measured: 'listening' });
  });

  it('connects to an external endpoint on loopback that a component on the role calls, even offline', async () => {
    const extra = `components:\n  app: { kind: service, placement: { role: host }, flows: [{ to: partner }] }\n  partner: { kind: external, endpoint: "http://127.0.0.1:${port}" }\n`;
    const report = await runHost(roleSpec('description: app host', extra), { offline: true });
    expect(result(report, `reach.tcp:127.0.0.1:${port}`)).toMatchObject({ status: 'pass', component: 'partner' });
  });

  it('skips a non-loopback endpoint when offline, saying what it would contact', async () => {
    const extra = 'components:\n  app: { kind: service, placement: { role: host }, flows: [{ to: partner }] }\n  partner: { kind: external, endpoint: "https://api.example.com" }\n';
    const report = await runHost(roleSpec('description: app host', extra), { offline: true });
    expect(result(report, 'reach.dns:api.example.com').status).toBe('skip');
    expect(result(report, 'reach.tcp:api.example.com:443')).toMatchObject({ status: 'skip', message: 'offline: would connect to api.example.com:443' });
  });
});
