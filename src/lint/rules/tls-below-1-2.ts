import { writtenText } from '../helpers/security-versions.js';
import type { Rule } from '../types.js';

// SSLv2/SSLv3, TLS 1.0 and TLS 1.1 in the spellings configurations use (`TLSv1`, `TLSv1.1`,
// `TLS1_0`, `TLS 1.1`); `TLSv1` followed by `.2` is TLS 1.2 and does not match.
const OLD_PROTOCOL = /\b(SSLv[23]|TLSv1(?:\.[01])?|TLS1[._]?[01]|TLS ?1\.[01])(?![.\d])/i;
// CloudFront security policies that accept viewers below TLS 1.2.
const OLD_VIEWER_POLICY = /^(SSLv3|TLSv1|TLSv1_2016|TLSv1\.1_2016)$/i;
const MIN_VERSION_KEY = /(min|minimum).*(tls|ssl|protocol)|(tls|ssl|protocol).*(min|minimum)/i;
const TLS_KEY = /tls|ssl/i;

export const tlsBelow12: Rule<'policy' | 'origin' | 'defaultCertificate' | 'viewerPolicy' | 'setting'> = {
  id: 'tls-below-1-2',
  severity: 'error',
  category: 'security',
  summary: 'No TLS setting may admit a protocol below TLS 1.2.',
  messages: {
    policy: 'the TLS policy accepts TLS {version} and up: TLS 1.0 and 1.1 are deprecated by RFC 8996, and clients that negotiate them get no protection from downgrade and known attacks',
    origin: 'CDN origin `{origin}` lets the CDN reach `{domain}` over {protocol}, deprecated by RFC 8996: traffic between the CDN and the origin can be downgraded',
    defaultCertificate: 'the CDN serves the default CloudFront certificate, whose security policy is fixed at TLSv1: viewers can connect with TLS 1.0{policy}',
    viewerPolicy: 'the CDN viewer security policy `{value}` accepts TLS below 1.2, deprecated by RFC 8996{policy}',
    setting: '`{component}` sets `{key}` to a value that admits {protocol}, deprecated by RFC 8996: clients can negotiate it',
  },
  docs: {
    why: 'TLS 1.0 and 1.1 were deprecated by RFC 8996 (2021): they rely on MD5/SHA-1 and CBC constructions with practical attacks, and browsers no longer offer them. A page that lets any endpoint — the TLS policy, a CDN, an origin connection, a server setting — accept them has an encryption requirement that a downgrade defeats. A CloudFront distribution on its default `*.cloudfront.net` certificate is a common trap: its security policy is TLSv1, whatever else the page says.',
    invalid: `network:
  tls:
    minVersion: '1.1'
`,
    valid: `network:
  tls:
    minVersion: '1.2'
`,
    fix: 'Set `network.tls.minVersion` to 1.2 or 1.3, list only `TLSv1.2` (or later) for CDN origins, and give the CDN a certificate of your own (ACM) with a `TLSv1.2_2021` security policy.',
  },
  check(model, report, analysis) {
    const network = model.input.network;
    const tls = network?.tls;
    if (tls && (tls.minVersion === '1.0' || tls.minVersion === '1.1')) {
      report({ at: analysis.atPath(['network', 'tls', 'minVersion']), message: 'policy', data: { version: tls.minVersion } });
    }
    const cdn = network?.cdn;
    if (cdn && cdn.enabled !== false) {
      const policy = tls && (tls.minVersion === '1.2' || tls.minVersion === '1.3') ? ` although \`network.tls.minVersion\` asks for ${tls.minVersion}` : '';
      for (const origin of cdn.origins ?? []) {
        (origin.tls ?? []).forEach((protocol, i) => {
          const match = OLD_PROTOCOL.exec(protocol);
          if (match && origin.tls) report({ at: analysis.at(origin.tls, i), message: 'origin', data: { origin: origin.id, domain: origin.domain, protocol: match[1] ?? protocol } });
        });
      }
      const certificate = cdn.viewerCertificate;
      if (certificate !== undefined) {
        const at = analysis.atPath(['network', 'cdn', 'viewerCertificate']);
        if (/cloudfront/i.test(cdn.provider) && /default/i.test(certificate)) report({ at, message: 'defaultCertificate', data: { policy } });
        else if (OLD_VIEWER_POLICY.test(certificate.trim())) report({ at, message: 'viewerPolicy', data: { value: certificate, policy } });
      }
    }
    for (const { phase, component } of analysis.phaseComponents()) {
      const input = component.input;
      for (const record of [input.settings, input.env, input.managed?.settings]) {
        if (!record) continue;
        for (const key of Object.keys(record)) {
          if (!TLS_KEY.test(key) && !MIN_VERSION_KEY.test(key)) continue;
          const text = writtenText(analysis, record, key);
          if (text === undefined) continue;
          let protocol = OLD_PROTOCOL.exec(text)?.[1];
          if (protocol === undefined && MIN_VERSION_KEY.test(key) && /^\s*v?1(\.[01])?\s*$/i.test(text)) protocol = `TLS ${text.trim().replace(/^v/i, '')}`;
          if (protocol !== undefined) report({ at: analysis.at(record, key), message: 'setting', data: { component: component.name, key, protocol }, phase: phase.name });
        }
      }
    }
  },
};
