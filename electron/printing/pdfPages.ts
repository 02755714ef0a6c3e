/** Page count of a PDF, for the virtual printer's timing and the UI's progress. Never throws: unknown is fine. */
import { readFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';

export async function countPdfPages(file: string | Uint8Array): Promise<number | undefined> {
  try {
    const bytes = typeof file === 'string' ? await readFile(file) : file;
    // Encrypted PDFs still print, and their page tree is readable without the password.
    const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    const pages = doc.getPageCount();
    return pages > 0 ? pages : undefined;
  } catch {
    return undefined;
  }
}
