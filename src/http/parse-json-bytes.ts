// A JSON request body from its bytes: strict UTF-8 (RFC 8259 8.1), an optional byte-order mark, one JSON text.
import { BadRequestError } from '../errors/graph-error';

/** fatal: malformed, overlong (C0 AF) and surrogate (ED A0 80) sequences throw instead of becoming U+FFFD. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Returns the parsed JSON value; every refusal is a 400 naming what is wrong with the bytes. */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = UTF8.decode(bytes); // drops one leading byte-order mark (RFC 8259 8.1 lets parsers ignore it)
  } catch (error) {
    throw new BadRequestError(`The request body is not valid UTF-8 (at byte ${firstInvalidByte(bytes)}).`, { cause: error });
  }
  if (text.trim() === '') {
    throw new BadRequestError(bytes.length > 0
      ? 'The request body holds no JSON (only a byte-order mark or whitespace); it must be one JSON object.'
      : 'The request body is empty; it must be one JSON object.');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BadRequestError('The request body is not valid JSON.', { cause: error });
  }
}

/** The offset of the first byte of the first invalid sequence (for the message). */
function firstInvalidByte(bytes: Uint8Array): number {
  let low = 0;
  let high = bytes.length;
  // The longest prefix that could still be continued validly: validity is monotone in the prefix length.
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (decodes(bytes.subarray(0, middle), true)) low = middle;
    else high = middle - 1;
  }
  if (decodes(bytes.subarray(0, low), false)) return low;
  // The prefix ends inside a sequence that the next byte breaks: the sequence's lead byte is the answer.
  let start = low;
  while (start > 0 && (bytes[start - 1] & 0xc0) === 0x80) start -= 1;
  return start > 0 && bytes[start - 1] >= 0xc0 ? start - 1 : start;
}

function decodes(bytes: Uint8Array, stream: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream });
    return true;
  } catch {
    return false;
  }
}
