/**
 * The payload and header types of one service, as plain interfaces and type aliases.
 */
import type { ServiceModel } from '../model/model.js';
import type { GeneratedFile } from './generated-file.js';
import { docText, printType, propertyName } from './print-type.js';
import { emitSourceFile } from './source-file.js';

export function emitTypes(service: ServiceModel): GeneratedFile {
  return emitSourceFile(`${service.folder}/types.ts`, [service.documentPath], (file) => {
    if (service.types.length === 0) {
      file.addStatements('export {};');
      return;
    }

    for (const declaration of service.types) {
      const docs = docText(declaration.description);
      if (declaration.kind === 'alias') {
        file.addTypeAlias({
          name: declaration.name,
          isExported: true,
          type: printType(declaration.type),
          docs: docs === undefined ? [] : [docs],
        });
        continue;
      }

      file.addInterface({
        name: declaration.name,
        isExported: true,
        docs: docs === undefined ? [] : [docs],
        properties: declaration.properties.map((property) => {
          const description = docText(property.description);
          const tags = property.deprecated ? ['@deprecated'] : [];
          const text = [description, ...tags].filter((part) => part !== undefined).join('\n');
          return {
            name: propertyName(property.key),
            hasQuestionToken: !property.required,
            type: printType(property.type),
            docs: text === '' ? [] : [text],
          };
        }),
        indexSignatures:
          declaration.indexSignature === undefined
            ? []
            : [{ keyName: 'key', keyType: 'string', returnType: printType(declaration.indexSignature) }],
      });
    }
  });
}
