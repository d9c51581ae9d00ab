import { withoutStrings } from '../../../generator/plan';

describe('withoutStrings (which declarations generated code refers to)', () => {
  it('blanks the text of string literals and of template literals, keeping their expressions', () => {
    const code = "s += '<a:PREFIXES>' + escapeText(v['settle']) + \"it's\"; ctx.warn(`a ${f(`b${PREFIXES}`)} 'c' ${{ a: 1 }.a} d`);";
    // The template literals' own text goes, with their backquotes past the first.
    expect(withoutStrings(code)).toBe("s += '' + escapeText(v['']) + ''; ctx.warn(` f(` PREFIXES})} { a: 1 }.a});");
  });

  it('reads escaped quotes as part of their literal', () => {
    expect(withoutStrings("f('it\\'s PREFIXES', \"a\\\"b\", `x\\`y`) + PREFIXES")).toBe("f('', '', `) + PREFIXES");
  });
});
