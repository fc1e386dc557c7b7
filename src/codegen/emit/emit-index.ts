/**
 * The index of one service, and the index of the whole output folder.
 */
import type { ServiceModel } from '../model/model.js';
import { valueName } from '../model/naming.js';
import type { GeneratedFile } from './generated-file.js';
import { emitSourceFile } from './source-file.js';

export function emitServiceIndex(service: ServiceModel): GeneratedFile {
  return emitSourceFile(`${service.folder}/index.ts`, [service.documentPath], (file) => {
    for (const module of ['./types.js', './descriptors.js', './producers.js', './workers.js']) {
      file.addExportDeclaration({ moduleSpecifier: module });
    }
  });
}

export function emitRootIndex(services: readonly ServiceModel[]): GeneratedFile {
  return emitSourceFile('index.ts', services.map((s) => s.documentPath), (file) => {
    for (const service of services) {
      file.addExportDeclaration({
        namespaceExport: valueName(service.folder, 'service'),
        moduleSpecifier: `./${service.folder}/index.js`,
      });
    }
    if (services.length === 0) file.addStatements('export {};');
  });
}
