import { open } from 'node:fs/promises';

/** Compressed formats recognised by their first bytes, with the command that unpacks each. */
const MAGIC: ReadonlyArray<{ name: string; bytes: readonly number[]; unpack: string }> = [
  { name: 'gzip', bytes: [0x1f, 0x8b], unpack: 'gunzip -k' },
  { name: 'bzip2', bytes: [0x42, 0x5a, 0x68], unpack: 'bunzip2 -k' },
  { name: 'xz', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], unpack: 'unxz -k' },
  { name: 'zstd', bytes: [0x28, 0xb5, 0x2f, 0xfd], unpack: 'unzstd' },
  { name: 'zip', bytes: [0x50, 0x4b, 0x03, 0x04], unpack: 'unzip' },
];

/**
 * What a file is compressed with, by its magic bytes (undefined: not a known compressed format),
 * and the advice for the user. Elasticdump NDJSON is read by byte ranges, so a compressed dump is
 * refused with this advice instead of being misread as lines of binary.
 */
export async function detectCompression(path: string): Promise<{ name: string; advice: string } | undefined> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const found = MAGIC.find((m) => bytesRead >= m.bytes.length && m.bytes.every((b, i) => head[i] === b));
    return found && { name: found.name, advice: `it is ${found.name}-compressed: decompress it first (${found.unpack} ${path}) and pass the uncompressed .ndjson file` };
  } finally {
    await handle.close();
  }
}
