/**
 * The column where the description of `option` starts in yargs' help text (undefined when the help
 * has no line for it): yargs pads each option name to one column width, measured by string-width,
 * so two options' descriptions start at the same column when the measuring works.
 */
export function helpTextColumn(help: string, option: string): number | undefined {
  const line = help.split('\n').find((text) => text.trimStart().startsWith(`${option} `));
  if (line === undefined) return undefined;
  const rest = line.trimStart();
  const gap = /\s{2,}/u.exec(rest);
  return gap === null ? undefined : line.search(/\S/u) + gap.index + gap[0].length;
}
