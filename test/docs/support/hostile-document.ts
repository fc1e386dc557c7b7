/**
 * A document whose every piece of text tries to become markup or script. Loading any page
 * made from it must not run anything: each attempt sets `window.__pwned` or opens a dialog.
 */
const SCRIPT = '<script>window.__pwned = 1; alert(1)</script>';
const IMAGE = '<img src=x onerror="window.__pwned = 2; alert(2)">';
const ATTRIBUTE = '" onmouseover="alert(3)" data-x="';

/** A word found only in the description of the hostile event, for the search test. */
export const HOSTILE_EVENT_WORD = 'zeppelin';
export const HOSTILE_EVENT_TYPE = `evil.${'<b>'}created`;
export const HOSTILE_TEXTS = [SCRIPT, IMAGE, ATTRIBUTE];

export const HOSTILE_DOCUMENT = `asyncapi: 3.0.0
info:
  title: ${JSON.stringify(`Evil ${SCRIPT}`)}
  version: 1.0.0
  description: ${JSON.stringify(`Tries ${IMAGE} and ${ATTRIBUTE} everywhere.`)}
channels:
  evil:
    address: evil.events
    description: ${JSON.stringify(`A topic ${SCRIPT}`)}
    messages:
      evilCreated:
        $ref: '#/components/messages/evilCreated'
operations:
  sendEvil:
    action: send
    summary: ${JSON.stringify(`Sends ${IMAGE}`)}
    channel:
      $ref: '#/channels/evil'
  receiveEvil:
    action: receive
    channel:
      $ref: '#/channels/evil'
components:
  messages:
    evilCreated:
      name: ${JSON.stringify(HOSTILE_EVENT_TYPE)}
      title: ${JSON.stringify(`Title ${ATTRIBUTE}`)}
      summary: ${JSON.stringify(`Summary ${SCRIPT}`)}
      description: ${JSON.stringify(`A ${HOSTILE_EVENT_WORD} landed. ${SCRIPT} \`${IMAGE}\``)}
      x-key: $message.payload#/id
      payload:
        type: object
        description: ${JSON.stringify(IMAGE)}
        required: [id]
        properties:
          id:
            type: string
            description: ${JSON.stringify(SCRIPT)}
          ${JSON.stringify(`<svg onload=alert(4)>`)}:
            type: string
            pattern: ${JSON.stringify(`^${SCRIPT}$`)}
            enum: [${JSON.stringify(IMAGE)}]
      examples:
        - payload:
            id: ${JSON.stringify(SCRIPT)}
`;
