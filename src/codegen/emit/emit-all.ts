/**
 * All emitters together: the model in, every generated file out, in memory.
 */
import type { CodegenModel } from '../model/model.js';
import type { EmitOptions } from './emit-options.js';
import { emitDescriptors } from './emit-descriptors.js';
import { emitRootIndex, emitServiceIndex } from './emit-index.js';
import { emitProducers } from './emit-producers.js';
import { emitTypes } from './emit-types.js';
import { emitValidators } from './emit-validators.js';
import { emitWorkers } from './emit-workers.js';
import type { GeneratedFile } from './generated-file.js';

export function emitAll(model: CodegenModel, options: EmitOptions): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  for (const service of model.services) {
    files.push(
      emitTypes(service),
      ...emitValidators(service),
      emitDescriptors(service, options),
      emitProducers(service, options),
      emitWorkers(service, options),
      emitServiceIndex(service),
    );
  }
  files.push(emitRootIndex(model.services));
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
