import { cidrContains, formatCidr, parseCidr, type Cidr } from '../../spec/network.js';
import type { Rule } from '../types.js';
import type { SourceSpan } from '../../spec/source.js';

type Message = 'malformed' | 'hostBits' | 'overlap' | 'outside';

interface Written {
  text: string;
  where: string;
  at: SourceSpan;
  /** AWS and Terraform reject a block written with host bits; Kubernetes' ipBlock accepts it. */
  strict: boolean;
}

export const cidrOverlap: Rule<Message> = {
  id: 'cidr-overlap',
  severity: 'error',
  category: 'network',
  summary: 'CIDR blocks must be well formed, subnets must not overlap each other, and every subnet must lie inside the VPC.',
  messages: {
    malformed: '`{cidr}` in {where} is not a CIDR block: write an address and a prefix length, such as `10.0.1.0/24`',
    hostBits: '`{cidr}` in {where} has bits set below its /{prefix} prefix: the block it means is `{network}`, and AWS and Terraform reject it as written',
    overlap: 'subnet `{subnet}` ({cidr}) overlaps subnet `{other}` ({otherCidr}): an address in both cannot belong to one subnet, and the provider refuses to create the second',
    outside: 'subnet `{subnet}` ({cidr}) is not inside the VPC block {vpc}: the provider refuses to create it',
  },
  docs: {
    why: 'A subnet is carved out of its VPC\'s block and no two subnets may share an address: a page whose subnets overlap, or reach outside the VPC, describes a network that cannot be created (AWS answers `InvalidSubnet.Conflict` or `InvalidSubnet.Range`), and a typo in a CIDR (`10.0.300.0/24`, `10.0.1.5/24`) silently opens or closes the wrong addresses in rules copied from the page. The comparison is exact, IPv4 and IPv6 alike.',
    invalid: `network:
  vpc: { cidr: 10.0.0.0/16 }
  subnets:
    public-a: { cidr: 10.0.0.0/23 }
    public-b: { cidr: 10.0.1.0/24 }
`,
    valid: `network:
  vpc: { cidr: 10.0.0.0/16 }
  subnets:
    public-a: { cidr: 10.0.0.0/24 }
    public-b: { cidr: 10.0.1.0/24 }
`,
  },
  check(model, report, analysis) {
    const network = model.input.network;
    if (!network) return;
    const written: Written[] = [];
    const vpcText = network.vpc?.cidr;
    if (network.vpc && vpcText !== undefined) written.push({ text: vpcText, where: 'the VPC', at: analysis.at(network.vpc, 'cidr'), strict: true });
    const subnets: Array<{ name: string; text: string; at: SourceSpan; block: Cidr }> = [];
    for (const [name, subnet] of Object.entries(network.subnets ?? {})) {
      if (subnet.cidr === undefined) continue;
      const at = analysis.at(subnet, 'cidr');
      written.push({ text: subnet.cidr, where: `subnet \`${name}\``, at, strict: true });
      const block = subnet.cidr.includes('/') ? parseCidr(subnet.cidr) : null;
      if (block) subnets.push({ name, text: subnet.cidr, at, block });
    }
    for (const [name, group] of Object.entries(network.securityGroups ?? {})) {
      for (const rule of [...(group.ingress ?? []), ...(group.egress ?? [])]) {
        (rule.cidr ?? []).forEach((text, i) => written.push({ text, where: `security group \`${name}\``, at: analysis.at(rule.cidr ?? rule, i), strict: true }));
      }
    }
    for (const [name, acl] of Object.entries(network.acls ?? {})) {
      for (const rule of [...(acl.inbound ?? []), ...(acl.outbound ?? [])]) written.push({ text: rule.cidr, where: `ACL \`${name}\` rule ${rule.rule}`, at: analysis.at(rule, 'cidr'), strict: true });
    }
    for (const policy of network.policies ?? []) {
      for (const rule of [...(policy.ingress ?? []), ...(policy.egress ?? [])]) {
        for (const peer of rule.peers ?? []) if (peer.cidr !== undefined) written.push({ text: peer.cidr, where: `NetworkPolicy \`${policy.name}\``, at: analysis.at(peer, 'cidr'), strict: false });
      }
    }

    for (const w of written) {
      // A CIDR field holds a block: an address without a prefix length is a mistake too.
      const block = w.text.includes('/') ? parseCidr(w.text) : null;
      if (!block) report({ at: w.at, message: 'malformed', data: { cidr: w.text, where: w.where } });
      else if (block.hostBitsSet && w.strict) report({ at: w.at, message: 'hostBits', data: { cidr: w.text, where: w.where, prefix: block.prefix, network: formatCidr(block) } });
    }

    // Overlaps: sorted by first address (the larger block first on a tie), each subnet against the one that reaches furthest before it.
    for (const family of [4, 6] as const) {
      const sorted = subnets.filter((s) => s.block.family === family).sort((a, b) => (a.block.start < b.block.start ? -1 : a.block.start > b.block.start ? 1 : a.block.end > b.block.end ? -1 : a.block.end < b.block.end ? 1 : 0));
      let reach: (typeof sorted)[number] | undefined;
      for (const subnet of sorted) {
        if (reach && subnet.block.start <= reach.block.end) {
          report({ at: subnet.at, message: 'overlap', data: { subnet: subnet.name, cidr: subnet.text, other: reach.name, otherCidr: reach.text } });
        }
        if (!reach || subnet.block.end > reach.block.end) reach = subnet;
      }
    }

    const vpc = vpcText === undefined || !vpcText.includes('/') ? null : parseCidr(vpcText);
    if (vpc && vpcText !== undefined) {
      for (const subnet of subnets) {
        // An IPv6 subnet of an IPv4 VPC lives in the VPC's IPv6 block, which the page does not give.
        if (subnet.block.family !== vpc.family) continue;
        if (!cidrContains(vpc, subnet.block)) report({ at: subnet.at, message: 'outside', data: { subnet: subnet.name, cidr: subnet.text, vpc: vpcText } });
      }
    }
  },
};
