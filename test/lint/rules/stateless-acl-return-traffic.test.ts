import { statelessAclReturnTraffic } from '../../../src/lint/rules/stateless-acl-return-traffic.js';
import { testRule } from '../rule-tester.js';

testRule(statelessAclReturnTraffic, {
  valid: [
    { name: 'services in, ephemeral ports out, and the reverse', spec: `network:
  acls:
    web:
      inbound:
        - { rule: 100, protocol: tcp, ports: 443, action: allow, cidr: 0.0.0.0/0 }
        - { rule: 200, protocol: tcp, ports: "1024-65535", action: allow, cidr: 0.0.0.0/0 }
      outbound:
        - { rule: 100, protocol: tcp, ports: "1024-65535", action: allow, cidr: 0.0.0.0/0 }
        - { rule: 110, protocol: tcp, ports: 5432, action: allow, cidr: 10.0.21.0/24 }
` },
    { name: 'returns allowed by a wider block and by two adjacent ranges; a deny of another block does not shadow', spec: `network:
  acls:
    app:
      inbound:
        - { rule: 100, protocol: tcp, ports: 8000, action: allow, cidr: 10.0.1.0/24 }
        - { rule: 200, protocol: "-1", ports: all, action: allow, cidr: 10.0.0.0/16 }
      outbound:
        - { rule: 50, protocol: all, ports: all, action: deny, cidr: 192.168.0.0/16 }
        - { rule: 100, protocol: tcp, ports: "1024-32767", action: allow, cidr: 10.0.0.0/16 }
        - { rule: 110, protocol: tcp, ports: "32768-65535", action: allow, cidr: 10.0.0.0/8 }
        - { rule: 120, protocol: udp, ports: "1024-65535", action: allow, cidr: 10.0.0.0/16 }
` },
  ],
  invalid: [
    { name: 'everything out, only web ports in (the replies to outbound connections)', spec: `network:
  acls:
    public:
      inbound:
        - { rule: 100, protocol: tcp, ports: 80, action: allow, cidr: 0.0.0.0/0 }
        - { rule: 110, protocol: tcp, ports: 443, action: allow, cidr: 0.0.0.0/0 }
      outbound:
        - { rule: 100, protocol: "-1", ports: all, action: allow, cidr: 0.0.0.0/0 }
`, findings: [{ messageId: 'outbound', message: 'ACL `public` rule 100 lets all protocols on all ports out to 0.0.0.0/0, but no inbound rule allows ports 1024–65535 from 0.0.0.0/0: network ACLs are stateless, so the answers to these connections are dropped', line: 8, column: 19 }] },
    { name: 'a deny with a lower number shadows the ephemeral allow, and a partial range leaves a gap', spec: `network:
  acls:
    private:
      inbound:
        - { rule: 100, protocol: tcp, ports: 8000, action: allow, cidr: 10.0.1.0/24 }
        - { rule: 110, protocol: udp, ports: 514, action: allow, cidr: 10.0.2.0/24 }
      outbound:
        - { rule: 90, protocol: tcp, ports: "1024-65535", action: deny, cidr: 10.0.1.128/25 }
        - { rule: 100, protocol: tcp, ports: "1024-65535", action: allow, cidr: 10.0.0.0/16 }
        - { rule: 120, protocol: udp, ports: "32768-65535", action: allow, cidr: 10.0.0.0/16 }
`, findings: [
      { messageId: 'inboundDenied', message: 'ACL `private` rule 100 lets TCP port 8000 in from 10.0.1.0/24, but outbound rule 90 denies the replies on ports 1024–65535 before any rule allows them: network ACLs are stateless, so the replies are dropped', line: 5, column: 19 },
      { messageId: 'inbound', message: 'ACL `private` rule 110 lets UDP port 514 in from 10.0.2.0/24, but no outbound rule allows ports 1024–32767 back to 10.0.2.0/24: network ACLs are stateless, so the replies are dropped', line: 6, column: 19 },
    ] },
  ],
});
