// A parsed XML element as fast-xml-parser yields it (attributes under `$`, children by tag name), and its readers.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CsdlError } from './csdl-error';

export interface XmlElement {
  readonly $?: Readonly<Record<string, string>>;
  readonly [child: string]: unknown;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: '$',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (_name: string, _path: unknown, _leaf: unknown, isAttribute: boolean) => !isAttribute && _name !== '$',
});

/** Parses a whole document; returns the reason with line and column when it is not well-formed. */
export function parseXml(text: string): XmlElement | string {
  const valid = XMLValidator.validate(text);
  if (valid !== true) return `not well-formed XML (line ${valid.err.line}, column ${valid.err.col}): ${valid.err.msg}`;
  return parser.parse(text) as XmlElement;
}

export function attribute(element: XmlElement, name: string): string | undefined {
  return element.$?.[name];
}

export function children(element: XmlElement, name: string): XmlElement[] {
  const value = element[name];
  if (!Array.isArray(value)) return [];
  return value.map((child) => (typeof child === 'object' && child !== null ? child as XmlElement : { '#text': child }));
}

export function text(element: XmlElement): string {
  const value = element['#text'];
  return Array.isArray(value) ? String(value[0]) : value === undefined ? '' : String(value);
}

/** Child tag names, attributes excluded. */
export function childNames(element: XmlElement): string[] {
  return Object.keys(element).filter((key) => key !== '$' && key !== '#text');
}

/** Refuses child elements the service does not implement, so that the CSDL never claims more than it serves. */
export function rejectUnsupported(element: XmlElement, allowed: ReadonlySet<string>, where: string, file: string): void {
  const unsupported = childNames(element).find((name) => !allowed.has(name));
  if (unsupported) throw new CsdlError(file, where, `<${unsupported}> is not supported by this service`);
}
