import type { ComponentModel } from '../../spec/model.js';
import { haMemberCounts } from '../helpers/backup-availability.js';
import type { Rule } from '../types.js';

// Engines that elect a leader by majority vote (Raft, Zab) whatever HA mode the page names.
const CONSENSUS_ENGINES: ReadonlySet<string> = new Set(['etcd', 'consul', 'zookeeper', 'nomad', 'vault', 'rqlite', 'cockroachdb', 'nats']);

/** The members that vote, and where the page gives their number; null when the component needs no quorum. */
function voters(component: ComponentModel): { count: number; from: 'replicas' | 'ha' | 'sentinels' } | null {
  const ha = component.input.ha;
  if (!ha || ha.mode === 'single') return null;
  const consensus = ha.mode === 'sentinel' || ha.quorum !== undefined || (component.input.engine !== undefined && CONSENSUS_ENGINES.has(component.input.engine.toLowerCase()) && ha.mode !== 'sharded');
  if (!consensus) return null;
  // Sentinels run beside the Redis instances (one per replica) unless the page counts them; other modes vote with their members.
  if (ha.mode === 'sentinel' && ha.sentinels !== undefined) return { count: ha.sentinels, from: 'sentinels' };
  const members = haMemberCounts(ha);
  if (ha.mode === 'sentinel' && component.input.replicas !== undefined) return { count: component.replicas.min, from: 'replicas' };
  if (members && members.length === 1 && members[0] !== undefined) return { count: members[0], from: 'ha' };
  return { count: component.replicas.min, from: 'replicas' };
}

export const quorumSize: Rule<'tooFew' | 'even' | 'quorumAboveMembers' | 'notMajority'> = {
  id: 'quorum-size',
  severity: 'error',
  category: 'availability',
  summary: 'HA modes that vote need at least three members, an odd number of them, and a quorum that is a majority.',
  messages: {
    tooFew: '`{component}` runs {mode} with {members}{how}: a majority of {majority} cannot survive the loss of one member, so failover stops working at the first failure',
    even: '`{component}` runs {mode} with {members}{how}: an even count tolerates {tolerates} failed, no more than {fewer} members would, and a network split in halves leaves no majority',
    quorumAboveMembers: '`{component}` asks for a quorum of {quorum} among {count} members: the vote can never succeed, so no failover ever happens',
    notMajority: '`{component}` asks for a quorum of {quorum} among {count} members, not a majority ({majority}): both sides of a network split can elect a leader',
  },
  docs: {
    why: 'Sentinel, Raft (etcd, Consul) and ZooKeeper promote a new leader only when a majority of members agree. Two members cannot outvote the loss of one, so failover never happens when it is needed; an even number tolerates no more failures than one member fewer, and a split down the middle leaves no side with a majority. A `quorum` larger than the members can never be reached; one that is not a majority lets both halves of a split elect a leader (split brain). Redis Sentinel\'s `quorum` only detects failure (failover still needs a majority), so it is not held to a majority.',
    invalid: `components:
  redis:
    kind: datastore
    engine: redis
    replicas: 2
    ha: { mode: sentinel, replicas: 1, failover: automatic }
`,
    valid: `components:
  redis:
    kind: datastore
    engine: redis
    replicas: 3
    ha: { mode: sentinel, replicas: 2, failover: automatic }
`,
    fix: 'Run three or five voting members (a Sentinel on a third machine is enough), and set the quorum to a majority of them.',
  },
  check(model, report, analysis) {
    for (const phase of model.phases) {
      for (const component of phase.components) {
        const vote = voters(component);
        if (!vote) continue;
        const input = component.input;
        const ha = input.ha;
        if (!ha) continue;
        const { count } = vote;
        const majority = Math.floor(count / 2) + 1;
        const countAt = vote.from === 'sentinels' ? analysis.at(ha, 'sentinels') : vote.from === 'ha' && ha.replicas !== undefined ? analysis.at(ha, 'replicas') : input.replicas !== undefined ? analysis.at(input, 'replicas') : analysis.at(ha, 'mode');
        const data = { how: vote.from === 'replicas' && ha.mode === 'sentinel' ? ' (a Sentinel beside each instance)' : '', members: `${count} voting member${count === 1 ? '' : 's'}`, component: component.name, mode: ha.mode === 'sentinel' ? 'Sentinel' : `\`${ha.mode}\``, count, majority, quorum: ha.quorum ?? 0, tolerates: count - majority, fewer: count - 1 };
        if (ha.quorum !== undefined && ha.quorum > count) {
          report({ at: analysis.at(ha, 'quorum'), message: 'quorumAboveMembers', data, phase: phase.name });
          continue;
        }
        if (count < 3) report({ at: countAt, message: 'tooFew', data, phase: phase.name });
        else if (count % 2 === 0) report({ at: countAt, message: 'even', data, phase: phase.name });
        if (ha.quorum !== undefined && ha.mode !== 'sentinel' && ha.quorum < majority) report({ at: analysis.at(ha, 'quorum'), message: 'notMajority', data, phase: phase.name });
      }
    }
  },
};
