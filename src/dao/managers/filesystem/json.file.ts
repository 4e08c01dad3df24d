import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { StoreUnavailableError } from '../../../errors/app.error.js';

export class StoreFileError extends Error {
  override readonly name = 'StoreFileError';
}

/**
 * Reads a JSON array file at start-up. A missing file is an empty collection; an empty, truncated or
 * non-array file throws a StoreFileError naming the file, and the file is left untouched.
 */
export async function readJsonArray(file: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new StoreFileError(`Cannot read store file ${file}: ${(error as Error).message}`, { cause: error });
  }

  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new StoreFileError(
      `Store file ${file} is empty, truncated or not JSON (${(error as Error).message}). ` +
        'Restore it from a backup or move it away to start with an empty collection; it was not modified.',
      { cause: error },
    );
  }
  if (!Array.isArray(data)) {
    throw new StoreFileError(`Store file ${file} must contain a JSON array; it was not modified.`);
  }
  return data;
}

/**
 * A JSON file that is rewritten whole and durably: temporary file, fsync, rename over the old one,
 * fsync of the folder. Commits requested while a write is running share the next write (group commit),
 * so a burst of mutations costs two fsyncs, not one per mutation.
 */
export class DurableJsonFile {
  private lastWrite: Promise<void> = Promise.resolve();
  private nextWrite: Promise<void> | null = null;
  private readonly tempFile: string;

  constructor(
    readonly file: string,
    private readonly serialize: () => string,
  ) {
    this.tempFile = `${file}.${process.pid}.tmp`;
  }

  /**
   * Resolves once the state as it is now, and everything before it, is on disk. Rejects with
   * STORE_UNAVAILABLE when the write fails; the next commit writes the whole state again.
   */
  commit(): Promise<void> {
    return this.scheduleWrite().catch((error: unknown) => {
      throw new StoreUnavailableError(error);
    });
  }

  private scheduleWrite(): Promise<void> {
    if (this.nextWrite) return this.nextWrite;

    const write = this.lastWrite
      .catch(() => undefined)
      .then(() => {
        this.nextWrite = null;
        return this.writeNow(this.serialize());
      });
    this.nextWrite = write;
    this.lastWrite = write;
    return write;
  }

  /** Resolves when every write requested so far has finished, successfully or not. */
  async flush(): Promise<void> {
    await this.lastWrite.catch(() => undefined);
    if (this.nextWrite) await this.nextWrite.catch(() => undefined);
  }

  private async writeNow(content: string): Promise<void> {
    const folder = path.dirname(this.file);
    await mkdir(folder, { recursive: true });

    const handle = await open(this.tempFile, 'w');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } catch (error) {
      await handle.close();
      await unlink(this.tempFile).catch(() => undefined);
      throw error;
    }
    await handle.close();

    await rename(this.tempFile, this.file);

    const folderHandle = await open(folder, 'r');
    try {
      await folderHandle.sync();
    } finally {
      await folderHandle.close();
    }
  }
}
