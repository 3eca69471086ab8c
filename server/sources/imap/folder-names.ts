/*
 * IMAP names folders outside ASCII in modified UTF-7 (RFC 3501 5.1.3):
 * "받은편지함" travels as "&vBvHQNO4ycDVaA-". imapflow encodes and decodes the
 * names it sends and lists, but a server's own words ("Mailbox doesn't exist:
 * &vBvHQNO4ycDVaA-") reach the mailbox's error as the server wrote them.
 */

// "&" then modified base64 (with "," for "/"), then "-"; "&-" is a plain "&".
const shiftRe = /&([A-Za-z0-9+,]*)-/g;

/** `text` with every modified UTF-7 run read back into the script it stands for; runs that decode to nothing sensible stay as written. */
export function decodedFolderNames(text: string): string {
  return text.replace(shiftRe, (run, base64: string) => {
    if (base64 === '') return '&';
    const bytes = Buffer.from(base64.replace(/,/g, '/'), 'base64');
    // Whole UTF-16 units only, and the encoder leaves no stray bits: anything else is not a folder name.
    if (bytes.length === 0 || bytes.length % 2 !== 0 || Math.floor((base64.length * 6) / 16) !== bytes.length / 2) return run;
    let decoded = '';
    for (let i = 0; i < bytes.length; i += 2) decoded += String.fromCharCode(bytes.readUInt16BE(i));
    // Modified UTF-7 is for what ASCII cannot say; printable ASCII or controls inside a run mean it is not one.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    if (!decoded.isWellFormed() || /[\u0000-\u007f]/.test(decoded)) return run;
    return decoded;
  });
}
