/**
 * A synthetic AsyncAPI 3 document for benchmarks: `channels` channels with `perChannel`
 * messages each, whose payloads have nested objects, arrays, enums, nullable fields and
 * maps, in the house envelope. Deterministic: the same arguments give the same text.
 */
export function syntheticDocument(channels = 300, perChannel = 3): string {
  const lines: string[] = [
    'asyncapi: 3.0.0',
    'info:',
    '  title: Synthetic',
    '  version: 1.0.0',
    '  description: A large document for benchmarks.',
    'channels:',
  ];
  const messageLines: string[] = [];
  const operationLines: string[] = [];

  for (let c = 0; c < channels; c += 1) {
    lines.push(`  channel${c}:`, `    address: synthetic.entity${c}.events`, '    messages:');
    for (let m = 0; m < perChannel; m += 1) {
      const id = `entity${c}Event${m}`;
      lines.push(`      ${id}:`, `        $ref: '#/components/messages/${id}'`);
      messageLines.push(...messageDeclaration(id, `entity${c}.event${m}`));
    }
    operationLines.push(
      `  send${c}:`, '    action: send', '    channel:', `      $ref: '#/channels/channel${c}'`,
      `  receive${c}:`, '    action: receive', '    channel:', `      $ref: '#/channels/channel${c}'`,
    );
  }

  return [...lines, 'operations:', ...operationLines, 'components:', '  messages:', ...messageLines, ''].join('\n');
}

function messageDeclaration(id: string, eventType: string): string[] {
  return [
    `    ${id}:`,
    `      name: ${eventType}`,
    '      x-key: $message.payload#/data/id',
    '      payload:',
    '        type: object',
    '        required: [event_type, event_id, timestamp, data]',
    '        properties:',
    '          event_type: { type: string, const: ' + JSON.stringify(eventType) + ' }',
    '          event_id: { type: string, format: uuid }',
    '          timestamp: { type: string, format: date-time }',
    '          data:',
    '            type: object',
    '            required: [id, status]',
    '            properties:',
    '              id: { type: string, format: uuid }',
    '              status: { type: string, enum: [active, paused, closed] }',
    '              note: { type: [string, "null"], maxLength: 500 }',
    '              address:',
    '                type: object',
    '                properties:',
    '                  street: { type: string }',
    '                  city: { type: string }',
    '                  geo:',
    '                    type: object',
    '                    properties:',
    '                      lat: { type: number }',
    '                      lon: { type: number }',
    '              lines:',
    '                type: array',
    '                items:',
    '                  type: object',
    '                  required: [sku]',
    '                  properties:',
    '                    sku: { type: string }',
    '                    quantity: { type: integer, minimum: 1 }',
    '              labels:',
    '                type: object',
    '                additionalProperties: { type: string }',
  ];
}
