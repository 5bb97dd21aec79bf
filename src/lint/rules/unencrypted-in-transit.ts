import type { ComponentModel } from '../../spec/model.js';
import type { Rule } from '../types.js';

const TRANSIT_SCOPE = /^(in-?transit|transit|tls|in-transit-encryption)$/i;
const TLS_SWITCH = /^(ssl|tls|tls-?enabled|ssl-?enabled|transit-?encryption(-?enabled)?|transitencryption(enabled)?|encrypt(ion)?-?in-?transit)$/i;
const OFF = /^(false|off|no|none|disabled?)$/i;

/** A plain scheme in a connection string, and what it is called in messages. */
function plainConnection(text: string): string | null {
  const scheme = /^\s*([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'ws') return `plain ${scheme.toUpperCase()}`;
  if (scheme === 'redis') return 'plain `redis://` (TLS is `rediss://`)';
  if ((scheme === 'postgres' || scheme === 'postgresql') && /[?&]sslmode=disable\b/i.test(text)) return '`sslmode=disable`';
  if ((scheme === 'mysql' || scheme === 'mariadb') && /[?&](ssl-mode|sslmode)=disabled\b/i.test(text)) return '`ssl-mode=DISABLED`';
  return null;
}

export const unencryptedInTransit: Rule<'flow' | 'connection' | 'setting' | 'port' | 'viewer' | 'origin'> = {
  id: 'unencrypted-in-transit',
  severity: 'error',
  category: 'security',
  summary: 'Where the page requires encryption in transit, no flow, listener or CDN hop it covers may use a plain protocol.',
  messages: {
    flow: '`{from}` reaches `{to}` over plain HTTP, but {requirement} requires encryption in transit: the traffic crosses the network readable',
    connection: '`{component}` is reached with {scheme}, but {requirement} requires encryption in transit: credentials and data cross the network in clear',
    setting: '`{component}` sets `{key}: {value}`, but {requirement} requires encryption in transit: clients talk to it in clear',
    port: '`{component}` serves plain HTTP on port {port} and no HTTPS port, but {requirement} requires encryption in transit',
    viewer: 'the CDN lets viewers use plain HTTP (`viewerProtocol: allow-all`), while {requirement} requires encryption in transit: use `redirect-to-https` or `https-only`',
    origin: 'CDN origin `{origin}` is fetched over plain HTTP (`protocol: http-only`), while {requirement} requires encryption in transit: the CDN-to-origin hop is in clear',
  },
  docs: {
    why: 'Encryption in transit holds end to end or not at all: one hop over plain HTTP — a CDN that still serves `http://`, an origin fetched over HTTP, a client that connects to a TLS-only Redis with `redis://` — carries session tokens and data in clear, and a datastore that requires TLS refuses the plain client outright. The page that asks for TLS and draws a plain flow contradicts itself.',
    invalid: `components:
  api:
    kind: service
    flows:
      - { to: billing, port: 8080, protocol: HTTP }
  billing:
    kind: service
    encryption: { inTransit: true }
`,
    valid: `components:
  api:
    kind: service
    flows:
      - { to: billing, port: 8443, protocol: HTTPS }
  billing:
    kind: service
    encryption: { inTransit: true }
`,
  },
  check(model, report, analysis) {
    const scopeName = Object.entries(model.input.encryption ?? {}).find(([name, policy]) => TRANSIT_SCOPE.test(name) && policy.enabled !== false)?.[0];
    const everywhere = scopeName === undefined ? null : `the page's \`encryption.${scopeName}\` policy`;
    const requirementOf = (component: ComponentModel): string | null => {
      if (component.input.encryption?.inTransit === true) return `its \`encryption.inTransit: true\``;
      return everywhere;
    };

    for (const phase of model.phases) {
      const byName = new Map(phase.components.map((c) => [c.name, c]));
      for (const component of phase.components) {
        for (const [i, flow] of (component.input.flows ?? []).entries()) {
          if (flow.protocol !== 'HTTP') continue;
          const target = byName.get(flow.to);
          if (!target || target.kind === 'external') continue;
          const requirement = target.input.encryption?.inTransit === true ? `\`${target.name}\`'s \`encryption.inTransit: true\`` : everywhere;
          if (requirement === null) continue;
          const flows = component.input.flows;
          report({ at: flows && flows[i] ? analysis.at(flows[i], 'protocol') : component.at, message: 'flow', data: { from: component.name, to: flow.to, requirement }, phase: phase.name });
        }
        const requirement = requirementOf(component);
        if (requirement === null || component.kind === 'external') continue;
        const input = component.input;
        if (input.connection !== undefined) {
          const scheme = plainConnection(input.connection);
          if (scheme) report({ at: analysis.at(input, 'connection'), message: 'connection', data: { component: component.name, scheme, requirement }, phase: phase.name });
        }
        for (const record of [input.settings, input.managed?.settings]) {
          for (const [key, value] of Object.entries(record ?? {})) {
            if (record && TLS_SWITCH.test(key) && OFF.test(String(value))) report({ at: analysis.at(record, key), message: 'setting', data: { component: component.name, key, value: String(value), requirement }, phase: phase.name });
          }
        }
        const ports = input.ports ?? [];
        if (!ports.some((p) => p.appProtocol === 'https' || p.appProtocol === 'grpc')) {
          for (const port of ports) {
            if (port.appProtocol === 'http' && port.exposure !== 'localhost') report({ at: analysis.at(port, 'appProtocol'), message: 'port', data: { component: component.name, port: port.port, requirement }, phase: phase.name });
          }
        }
      }
    }

    const cdn = model.input.network?.cdn;
    if (cdn && cdn.enabled !== false) {
      const anyComponent = model.components.some((c) => c.input.encryption?.inTransit === true);
      const requirement = model.input.network?.tls ? `the page's TLS policy (\`network.tls\`)` : (everywhere ?? (anyComponent ? 'the page (components marked `encryption.inTransit`)' : null));
      if (requirement !== null) {
        if (cdn.viewerProtocol === 'allow-all') report({ at: analysis.atPath(['network', 'cdn', 'viewerProtocol']), message: 'viewer', data: { requirement } });
        for (const origin of cdn.origins ?? []) {
          if (origin.protocol === 'http-only') report({ at: analysis.at(origin, 'protocol'), message: 'origin', data: { origin: origin.id, requirement } });
        }
      }
    }
  },
};
