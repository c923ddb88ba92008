import type { IniDocument } from './oslo-ini.ts';

// oslo.config's template syntax: `$$` or `\$` for a literal dollar, `$name` / `${name}` for another
// option's value (`group.name` for one in another group). Names are matched case-insensitively.
const TEMPLATE = /\$(?:(\$)|\{([_a-z][._a-z0-9]*)\}|([_a-z][._a-z0-9]*))/gi;

function lookup(document: IniDocument, section: string, name: string): { section: string; key: string; value: string } | undefined {
  const dot = name.indexOf('.');
  if (dot > 0) {
    const group = name.slice(0, dot);
    const groupName = group === 'DEFAULT' ? group : group.toLowerCase();
    const key = name.slice(dot + 1);
    const value = document[groupName]?.[key];
    if (value !== undefined) return { section: groupName, key, value };
  }
  for (const candidate of [section, 'DEFAULT']) {
    const value = document[candidate]?.[name];
    if (value !== undefined) return { section: candidate, key: name, value };
  }
  return undefined;
}

/**
 * The value of `[section] key` after oslo.config's `$` substitution, as freezer-api would see it:
 * a password written `pa$$word` in freezer-api.conf is `pa$word`. References to options the file
 * does not set (oslo.config would use their registered default) are left as written, and so are
 * Python `%(name)s` forms, which oslo.config does not interpret either. Cycles stop at the first
 * repeated reference.
 */
export function substitutedValue(document: IniDocument, section: string, key: string): string | undefined {
  const raw = document[section]?.[key];
  if (raw === undefined) return undefined;
  const expand = (value: string, group: string, seen: ReadonlySet<string>): string =>
    value.replaceAll('\\$', '$$$$').replace(TEMPLATE, (whole, dollar: string | undefined, braced: string | undefined, bare: string | undefined) => {
      if (dollar) return '$';
      const name = braced ?? bare ?? '';
      const found = lookup(document, group, name);
      const id = found ? `${found.section}\u0000${found.key}` : '';
      if (!found || seen.has(id)) return whole;
      return expand(found.value, found.section, new Set([...seen, id]));
    });
  return expand(raw, section, new Set([`${section}\u0000${key}`]));
}
