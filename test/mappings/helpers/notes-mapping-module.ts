import { notesMapping } from './notes-mapping.ts';

/** The notes mapping as a `--mapping <file.ts>` module: its default export. */
export default notesMapping;
