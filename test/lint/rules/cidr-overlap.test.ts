import { cidrOverlap } from '../../../src/lint/rules/cidr-overlap.js';
import { testRule } from '../rule-tester.js';

testRule(cidrOverlap, {
  valid: [
    { name: 'adjacent subnets at the edges of the VPC, IPv4 and IPv6', spec: `network:
  vpc: { cidr: 10.0.0.0/16 }
  subnets:
    first: { cidr: 10.0.0.0/24 }
    last: { cidr: 10.0.255.0/24 }
    next: { cidr: 10.0.1.0/24 }
    v6-a: { cidr: "2001:db8::/64" }
    v6-b: { cidr: "2001:db8:0:1::/64" }
    unnumbered: { tier: app }
  securityGroups:
    web: { ingress: [{ protocol: tcp, port: 443, cidr: [0.0.0.0/0, "::/0"] }] }
` },
    { name: 'a NetworkPolicy may write an address inside its block', spec: `components:
  api: { kind: service }
network:
  policies:
    - { name: out, selector: api, types: [Egress], egress: [{ peers: [{ cidr: 10.1.2.3/16 }] }] }
` },
  ],
  invalid: [
    { name: 'one block inside another, IPv6 overlap, and a subnet outside the VPC', spec: `network:
  vpc: { cidr: 10.0.0.0/16 }
  subnets:
    wide: { cidr: 10.0.0.0/22 }
    inner: { cidr: 10.0.3.0/24 }
    after: { cidr: 10.0.4.0/24 }
    stray: { cidr: 10.1.0.0/24 }
    v6-a: { cidr: "2001:db8::/63" }
    v6-b: { cidr: "2001:db8:0:1::/64" }
`, findings: [
      { messageId: 'overlap', message: 'subnet `inner` (10.0.3.0/24) overlaps subnet `wide` (10.0.0.0/22): an address in both cannot belong to one subnet, and the provider refuses to create the second', line: 5, column: 20 },
      { messageId: 'outside', message: 'subnet `stray` (10.1.0.0/24) is not inside the VPC block 10.0.0.0/16: the provider refuses to create it', line: 7, column: 20 },
      { messageId: 'overlap', message: 'subnet `v6-b` (2001:db8:0:1::/64) overlaps subnet `v6-a` (2001:db8::/63): an address in both cannot belong to one subnet, and the provider refuses to create the second', line: 9, column: 20 },
    ] },
    { name: 'malformed blocks and host bits', spec: `network:
  vpc: { cidr: 10.0.0.0/33 }
  subnets:
    a: { cidr: 10.0.300.0/24 }
    b: { cidr: 10.0.1.5/24 }
  acls:
    edge:
      inbound: [{ rule: 100, protocol: tcp, ports: 443, action: allow, cidr: 0.0.0.0 }]
`, findings: [
      { messageId: 'malformed', message: '\`10.0.0.0/33\` in the VPC is not a CIDR block: write an address and a prefix length, such as \`10.0.1.0/24\`', line: 2, column: 16 },
      { messageId: 'malformed', message: '\`10.0.300.0/24\` in subnet \`a\` is not a CIDR block: write an address and a prefix length, such as \`10.0.1.0/24\`', line: 4, column: 16 },
      { messageId: 'hostBits', message: '\`10.0.1.5/24\` in subnet \`b\` has bits set below its /24 prefix: the block it means is \`10.0.1.0/24\`, and AWS and Terraform reject it as written', line: 5, column: 16 },
      { messageId: 'malformed', message: '\`0.0.0.0\` in ACL \`edge\` rule 100 is not a CIDR block: write an address and a prefix length, such as \`10.0.1.0/24\`', line: 8, column: 78 },
    ] },
  ],
});
