/**
 * The order of elements around repeated groups, as libxml2 (xmllint-wasm) and the strict reader
 * of a construct package judge it: documents that differ only in the order of one element's
 * children, each validated against model-groups' schema and read by its golden package. Words
 * name the children one letter each; the tables say what both must say.
 */
import * as path from 'node:path';
import * as modelGroups from '../constructs/model-groups/golden/src';
import { buildSchemaBundle, validateDocuments } from '../support/xsd-bundle';

const NS = 'urn:example:constructs:model-groups';
const DIR = path.resolve(__dirname, '..', 'constructs', 'model-groups');

interface Shape {
  /** The property of AddPerson holding the content, and its element's name. */
  element: string;
  letters: Readonly<Record<string, string>>;
  valid: string[];
  /** Invalid for their order only: the strict reader refuses them as out of order. */
  outOfOrder: string[];
  /**
   * Invalid for an occurrence of a repeated sequence without an alternative of its choice, or with
   * part of a sequence alternative only (an element of another alternative that an occurrence can
   * begin with begins the next one): refused as missing an element.
   */
  noAlternative?: string[];
  /**
   * Invalid for more of an element in an occurrence than its maxOccurs, where no occurrence can
   * begin with that element: refused as unexpected, at the element holding them.
   */
  tooMany?: string[];
  /**
   * Invalid for an element of another alternative of the choice in an occurrence, where no
   * occurrence can begin with that element: refused as a choice conflict, at that element.
   */
  conflict?: string[];
}

const SHAPES: Shape[] = [
  {
    // (let?, point{2,3})+, winner
    element: 'tiebreak',
    letters: { l: 'let', p: 'point', w: 'winner' },
    valid: ['ppw', 'lppw', 'pppw', 'ppppw', 'pplpppw', 'ppppplppw', 'lppplppw'],
    outOfOrder: ['wpp', 'ppwpp', 'pppwp', 'ppwl', 'lppwlpp'],
  },
  {
    // ((strike | spare), bonus?)+, total: a choice inside a repeated sequence
    element: 'frames',
    letters: { s: 'strike', p: 'spare', b: 'bonus', t: 'total' },
    valid: ['st', 'sbt', 'spbt', 'pbsbpt', 'sssst'],
    outOfOrder: ['tsb', 'sts', 'sbtp', 'sptb'],
    noAlternative: ['bt', 'sbbt', 'bst', 'spbbt'],
  },
  {
    // (frame, (strike | (spare, bonus)))+, total: a sequence among the alternatives of that choice
    element: 'scorecard',
    letters: { f: 'frame', s: 'strike', p: 'spare', b: 'bonus', t: 'total' },
    valid: ['fst', 'fpbt', 'fsfpbt', 'fpbfsfst'],
    outOfOrder: ['tfs', 'fstfs', 'fpbtfs'],
    noAlternative: ['ft', 'fpt', 'fbt', 'fsft', 'fsfpt', 'fpbbt'],
    conflict: ['fspbt', 'fsbt', 'fsfsbt', 'fpbst', 'fspt'],
  },
  {
    // (lane?, (strike | (foul?, spare)))+, score: a spare after a strike is the next occurrence's
    element: 'practice',
    letters: { l: 'lane', s: 'strike', f: 'foul', p: 'spare', c: 'score' },
    valid: ['sc', 'spc', 'sfpc', 'lsplfpc', 'fpsc', 'pspc'],
    outOfOrder: ['csp', 'scs', 'spcl'],
    noAlternative: ['lc', 'fc', 'sfc', 'slc', 'ssfc'],
  },
  {
    // (frame, (strike | (spare, bonus{2,3})))+, total: a repeated element in that sequence alternative
    element: 'bowling',
    letters: { f: 'frame', s: 'strike', p: 'spare', b: 'bonus', t: 'total' },
    valid: ['fst', 'fpbbt', 'fpbbbt', 'fsfpbbt', 'fpbbbfst', 'fpbbfpbbbt'],
    outOfOrder: ['tfs', 'fpbbtfs'],
    noAlternative: ['ft', 'fpt', 'fpbt', 'fsfpbt', 'fpbbfpbt'],
    tooMany: ['fpbbbbt', 'fsfpbbbbbt'],
    conflict: ['fsbbt', 'fspbbt', 'fpbbst', 'fpbbbst', 'fsfsbbt'],
  },
  {
    // title, (member | guest)*, (email | phone){1,2}: two repeated choices
    element: 'roster',
    letters: { t: 'title', m: 'member', g: 'guest', e: 'email', p: 'phone' },
    valid: ['te', 'tmp', 'tmgme', 'tggmep', 'tpp'],
    outOfOrder: ['temp', 'tmegp', 'tepm', 'tppg'],
  },
];

function body(shape: Shape, word: string): string {
  const children = [...word].map((x) => {
    const name = shape.letters[x];
    if (name === undefined) throw new Error(`no element for ${x}`);
    return `<${name}>${x}</${name}>`;
  });
  return `<AddPerson xmlns="${NS}"><person><given>Ann</given><family>Lee</family></person><${shape.element}>${children.join('')}</${shape.element}></AddPerson>`;
}

describe.each(SHAPES)('$element: the strict reader refuses what libxml2 refuses for its order, and takes what it takes', (shape) => {
  const op = modelGroups.operations.AddPerson;
  const read = (word: string): unknown => op.parseRequest(`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${body(shape, word)}</s:Body></s:Envelope>`, { strict: true });

  it('libxml2 agrees with the tables', async () => {
    const words = [...shape.valid, ...shape.outOfOrder, ...(shape.noAlternative ?? []), ...(shape.tooMany ?? []), ...(shape.conflict ?? [])];
    const verdicts = await validateDocuments(words.map((w) => body(shape, w)), buildSchemaBundle([path.join(DIR, 'types.xsd')], [DIR]));
    expect(words.filter((w, i) => verdicts[i]?.valid !== shape.valid.includes(w))).toEqual([]);
  });

  it.each(shape.valid)('%s is read', (word) => {
    expect(() => read(word)).not.toThrow();
  });

  it.each(shape.outOfOrder)('%s is refused as out of order', (word) => {
    expect(() => read(word)).toThrow(expect.objectContaining({ code: 'out-of-order' }));
  });

  if (shape.noAlternative?.length) {
    it.each(shape.noAlternative)('%s is refused as missing an alternative', (word) => {
      expect(() => read(word)).toThrow(expect.objectContaining({ code: 'missing-element', path: `/Envelope/Body/AddPerson/${shape.element}` }));
    });
  }

  if (shape.tooMany?.length) {
    it.each(shape.tooMany)('%s is refused as holding too many of an element', (word) => {
      expect(() => read(word)).toThrow(expect.objectContaining({ code: 'unexpected-element', path: `/Envelope/Body/AddPerson/${shape.element}` }));
    });
  }

  if (shape.conflict?.length) {
    it.each(shape.conflict)('%s is refused as a choice conflict at the element', (word) => {
      expect(() => read(word)).toThrow(expect.objectContaining({ code: 'choice-conflict', path: expect.stringMatching(new RegExp(`^/Envelope/Body/AddPerson/${shape.element}/\\w+(\\[\\d+\\])?$`)) }));
    });
  }
});
