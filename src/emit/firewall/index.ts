import type { EmitContext, EmitResult, Emitter, GeneratedFile } from '../types.js';
import { dnsLabel, fileName } from '../names.js';
import { buildPhasePolicy } from './build.js';
import { ADDRESS_INCLUDE, renderNftables } from './nftables.js';
import { Notes } from '../notes.js';
import { renderUfw } from './ufw.js';

/** The ports every Kubernetes node serves to the cluster, named when the spec leaves them out. */
const CLUSTER_PORTS = [
  { what: 'API server', port: 6443 },
  { what: 'kubelet', port: 10250 },
] as const;

/**
 * Host firewalls: for each phase and each machine role, an nftables ruleset
 * (`<phase>/<role>.nft`) and the equivalent ufw script (`<phase>/<role>.ufw.sh`).
 * What is open comes from the spec only — component exposures, `network.firewall`
 * rules, security groups; everything else is dropped.
 */
export const firewallEmitter: Emitter = {
  id: 'firewall',
  summary: 'Host firewalls per phase and role: nftables rulesets and equivalent ufw scripts',
  emit(context: EmitContext): EmitResult {
    const { model } = context;
    const notes = new Notes();
    const files: GeneratedFile[] = [];
    let forwarding = false;
    let addresses = false;
    for (const phase of context.phases) {
      const dir = dnsLabel(phase.name);
      if (phase.roles.length === 0) {
        notes.add('the phase has no machine roles: no host firewall is generated for it', phase.at ?? model.system.at, phase.name);
        continue;
      }
      const policy = buildPhasePolicy(model, phase, notes);
      if (policy.sets.length) addresses = true;
      const withoutSsh: string[] = [];
      for (const role of policy.roles) {
        const nft = fileName(role.role.name, '.nft');
        const ufw = fileName(role.role.name, '.ufw.sh');
        files.push({ path: `${dir}/${nft}`, content: renderNftables(context.source, policy, role, nft) });
        files.push({ path: `${dir}/${ufw}`, content: renderUfw(context.source, policy, role, ufw, nft), mode: 0o755 });
        if (!role.ssh) withoutSsh.push(role.role.name);
        if (role.forward.policy === 'accept') forwarding = true;
      }
      if (withoutSsh.length) {
        notes.add(
          `no rule of the spec opens SSH (22/tcp) on ${withoutSsh.map((r) => `\`${r}\``).join(', ')}: loading the firewall blocks new SSH connections to ${withoutSsh.length === 1 ? 'that role' : 'those roles'}; add a \`network.firewall\` rule for port 22 (the ufw scripts refuse to run over SSH without one)`,
          policy.roles.find((r) => !r.ssh)?.role.at,
          phase.name,
        );
      }
    }
    if (addresses) {
      notes.add(`the spec gives no addresses for the machines of a role, for subnets without a CIDR or for \`known-ips\`: the rulesets declare them as named sets to fill in ${ADDRESS_INCLUDE}, and the ufw scripts read them from INFRASPEC_* environment variables`);
    }
    if (forwarding) {
      notes.add('the forward chain accepts on roles whose containers are not declared rootless: Kubernetes and rootful container networks route published ports and pod traffic through it (set `container.rootless: true` on a role to drop forwarded traffic)');
    }
    const kubernetes = model.input.kubernetes;
    if (kubernetes !== undefined || context.phases.some((p) => p.input?.kubernetes !== undefined)) {
      const at = kubernetes ? (model.positions.containerSpan(kubernetes) ?? undefined) : undefined;
      const listed = new Set((model.input.network?.firewall ?? []).map((r) => String(r.port)));
      const missing = CLUSTER_PORTS.filter((p) => !listed.has(String(p.port))).map((p) => `${p.what} ${p.port}/tcp`);
      if (missing.length) {
        notes.add(
          `the spec runs Kubernetes${kubernetes?.distribution && kubernetes.distribution !== 'kubernetes' ? ` (${kubernetes.distribution})` : ''} but its firewall rules do not list the cluster's own ports (${missing.join(', ')}, the CNI overlay, etcd on control-plane machines): the host firewalls keep them closed; add them to \`network.firewall\` as inter-server rules before loading`,
          at,
        );
      }
    }
    return { files, notes: notes.list() };
  },
};
